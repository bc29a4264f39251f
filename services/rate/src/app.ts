/** @module app: forex-rate's Express app, built from its dependencies; never listens by itself. */
import { createServiceApp, type Logger } from "@forex-mesh/service-kit";
import type { Express } from "express";
import { rateRoutes } from "./api/routes.js";
import type { RateStore } from "./store.js";

export interface AppDeps {
  store: RateStore;
  logger: Logger;
  version: string;
  faults?: { errorRatio: number; latencyMs: number; random?: () => number };
  draining?: () => boolean;
}

export function createApp({ store, logger, version, faults = { errorRatio: 0, latencyMs: 0 }, draining }: AppDeps): Express {
  return createServiceApp({
    logger,
    version,
    faults,
    health: {
      ready: () => {
        const status = store.status();
        return status === undefined ? { ok: false, detail: { rates: "loading" } } : { ok: true, detail: { rates: status } };
      },
      ...(draining === undefined ? {} : { draining }),
    },
    routes: rateRoutes(store),
  });
}
