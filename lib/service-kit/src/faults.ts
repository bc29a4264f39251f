import { isFaultExempt } from "@forex-mesh/routing";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ErrorCodes } from "./errors.js";

export interface FaultOptions {
  errorRatio: number;
  latencyMs: number;
  /** Uniform in [0, 1); injected so tests can decide which requests fail. */
  random?: () => number;
}

/**
 * Demo fault knobs: extra latency and a share of 500s, off unless configured, so a bad version can be
 * rolled out on purpose and caught. Health endpoints are exempt: a bad version still registers and
 * receives traffic, which is what a canary analysis has to catch (the mesh-wide rule, `isFaultExempt`).
 */
export function faults({ errorRatio, latencyMs, random = Math.random }: FaultOptions): RequestHandler {
  if (errorRatio <= 0 && latencyMs <= 0) {
    return function noFaults(_req: Request, _res: Response, next: NextFunction): void {
      next();
    };
  }
  return function injectFaults(req: Request, res: Response, next: NextFunction): void {
    if (isFaultExempt(req.path)) {
      next();
      return;
    }
    const act = (): void => {
      if (errorRatio > 0 && random() < errorRatio) {
        res.status(500).json({ message: "injected fault (FOREX_FAULT_ERROR_RATIO)", code: ErrorCodes.faultInjected });
        return;
      }
      next();
    };
    if (latencyMs > 0) setTimeout(act, latencyMs);
    else act();
  };
}
