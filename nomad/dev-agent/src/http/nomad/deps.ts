/**
 * @module http/nomad/deps: what the Nomad handlers share: the engine and store, and `nomadRead`,
 * the one blocking read every GET goes through (Consul's machinery from `http/blocking.ts` with
 * Nomad's headers and its 5-minute cap on `wait`).
 */
import type { NomadEngine } from "../../nomad/engine.js";
import type { NomadState } from "../../nomad/state.js";
import type { WatchHub } from "../../store/watch-hub.js";
import { type AnswerCache, blockingQuery } from "../blocking.js";
import type { Context } from "../context.js";
import { sendText } from "../respond.js";

export interface NomadDeps {
  engine: NomadEngine;
  hub: WatchHub;
  random: () => number;
  answers: AnswerCache;
  state: () => NomadState;
  currentIndex: () => number;
  log: (line: string) => void;
}

export const NOMAD_MAX_WAIT_MS = 5 * 60_000;

export function nomadHeaders(index: number): string[] {
  return ["X-Nomad-Index", String(Math.max(1, index)), "X-Nomad-KnownLeader", "true", "X-Nomad-LastContact", "0"];
}

/** What a read computes: its index and body, or null when the thing it reads does not exist. */
export type ReadResult = { index: number; body: unknown } | null;

export function nomadRead(ctx: Context, deps: NomadDeps, topics: readonly string[], compute: () => ReadResult, missing = "not found"): Promise<void> {
  return blockingQuery(
    ctx,
    { hub: deps.hub, currentIndex: deps.currentIndex, random: deps.random, answers: deps.answers, metaHeaders: nomadHeaders, maxWaitMs: NOMAD_MAX_WAIT_MS },
    topics,
    () => {
      const r = compute();
      if (r === null) {
        const index = deps.currentIndex();
        return { index, send: (c) => sendText(c.res, 404, missing) };
      }
      return { index: r.index, body: pretty(ctx) ? undefined : r.body, ...(pretty(ctx) ? { send: (c) => sendPretty(c, r.body) } : {}) };
    },
  );
}

const pretty = (ctx: Context): boolean => ctx.query.has("pretty") && ctx.query.get("pretty") !== "0";

function sendPretty(ctx: Context, body: unknown): void {
  const text = JSON.stringify(body, null, 4);
  ctx.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  ctx.res.end(text);
}

/** A write's answer: JSON with X-Nomad-Index. */
export function sendWrite(ctx: Context, index: number, body: unknown): void {
  const text = JSON.stringify(body);
  const h = nomadHeaders(index);
  ctx.res.writeHead(200, [...h, "Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(text))]);
  ctx.res.end(text);
}

export const namespaceOf = (ctx: Context): string => ctx.query.get("namespace") || "default";

export function boolParam(ctx: Context, name: string): boolean {
  const v = ctx.query.get(name);
  return v === "" || v === "true" || v === "1";
}
