/**
 * @module http/blocking: Consul blocking queries, written once for every read endpoint.
 *
 * `?index=N&wait=D`: if the answer's index is still <= N, hold the request until a write touches one
 * of the answer's topics and moves its index past N, or until `wait` (default 5 m, max 10 m, plus up
 * to wait/16 jitter so many clients do not return at the same instant) runs out. A wake-up that does
 * not change this answer (a different key under a watched topic) goes back to waiting.
 * https://developer.hashicorp.com/consul/api-docs/features/blocking
 */
import { parseDuration } from "../consul/duration.js";
import { badRequest } from "../errors.js";
import type { WatchHub } from "../store/watch-hub.js";
import type { Context } from "./context.js";
import { queryMetaHeaders } from "./respond.js";

export const DEFAULT_WAIT_MS = 5 * 60_000;
export const MAX_WAIT_MS = 10 * 60_000;

export interface BlockingParams {
  minIndex: number;
  waitMs: number;
  consistency: "leader" | "stale" | "consistent";
}

/** Reads index/wait/stale/consistent; pure apart from `random`, which draws the jitter. */
export function parseBlockingParams(
  query: URLSearchParams,
  random: () => number,
  { defaultWaitMs = DEFAULT_WAIT_MS, maxWaitMs = MAX_WAIT_MS }: { defaultWaitMs?: number; maxWaitMs?: number } = {},
): BlockingParams {
  if (query.has("stale") && query.has("consistent")) {
    throw badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
  }
  const rawIndex = query.get("index");
  let minIndex = 0;
  if (rawIndex !== null && rawIndex !== "") {
    if (!/^\d+$/.test(rawIndex)) throw badRequest("Invalid index", "INVALID_INDEX");
    minIndex = Number(rawIndex);
  }
  const rawWait = query.get("wait");
  let waitMs = defaultWaitMs;
  if (rawWait !== null && rawWait !== "") {
    const parsed = parseDuration(rawWait);
    if (parsed === undefined || parsed < 0) throw badRequest("Invalid wait time", "INVALID_WAIT");
    waitMs = Math.min(parsed, maxWaitMs);
  }
  waitMs += random() * (waitMs / 16);
  const consistency = query.has("stale") ? "stale" : query.has("consistent") ? "consistent" : "leader";
  return { minIndex, waitMs, consistency };
}

export interface Answer {
  index: number;
  /** The serialized body and its byte length, filled once and shared by every waiter given this answer. */
  text?: string;
  /** Response headers for this answer, per consistency mode, built once like the body. */
  headers?: Map<string, string[]>;
  /** Written by `send`; the default sends `body` as JSON with `status` (200). */
  status?: number;
  body?: unknown;
  send?: (ctx: Context) => void;
}

export interface BlockingDeps {
  hub: WatchHub;
  currentIndex: () => number;
  random: () => number;
  answers?: AnswerCache;
  /** The index/leader headers; Consul's by default (the Nomad API passes its X-Nomad-* ones). */
  metaHeaders?: (index: number, consistency: string) => string[];
  /** Nomad caps `wait` at 5 minutes, Consul at 10. */
  maxWaitMs?: number;
}

/**
 * Answers by query, valid for one store index. When a write wakes 500 watchers of the same key,
 * the answer is computed and serialized once instead of 500 times.
 */
export class AnswerCache {
  #index = -1;
  readonly #byQuery = new Map<string, Answer>();

  get(query: string, index: number, compute: () => Answer): Answer {
    if (index !== this.#index) {
      this.#byQuery.clear();
      this.#index = index;
    }
    let answer = this.#byQuery.get(query);
    if (answer === undefined) {
      answer = compute();
      this.#byQuery.set(query, answer);
    }
    return answer;
  }
}

function cacheKey(ctx: Context): string {
  const rest = new URLSearchParams(ctx.query);
  rest.delete("index");
  rest.delete("wait");
  return `${ctx.method} ${ctx.req.url?.split("?")[0] ?? ""}?${rest.toString()}`;
}

/** Answers `ctx` with `compute()`, blocking first when the request asks for a newer index. */
export function blockingQuery(ctx: Context, deps: BlockingDeps, topics: readonly string[], computeFresh: () => Answer): Promise<void> {
  const params = parseBlockingParams(ctx.query, deps.random, deps.maxWaitMs === undefined ? {} : { maxWaitMs: deps.maxWaitMs });
  const meta = deps.metaHeaders ?? queryMetaHeaders;
  const { answers } = deps;
  const key = answers ? cacheKey(ctx) : "";
  const compute = answers ? () => answers.get(key, deps.currentIndex(), computeFresh) : computeFresh;
  const first = compute();
  // Indexes are compared as reported (0 is reported as 1), or a watcher on an empty store would get
  // index 1, ask for index 1 and be answered at once, forever. An index ahead of ours (say, from a
  // wiped agent) answers at once so the client sees the index go backwards and resets.
  if (params.minIndex === 0 || reported(first) > params.minIndex || params.minIndex > reported({ index: deps.currentIndex() })) {
    finish(ctx, first, params, meta);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let unsubscribe: () => void = () => {};
    const done = (answer: Answer): void => {
      clearTimeout(timer);
      unsubscribe();
      ctx.res.off("close", onClose);
      finish(ctx, answer, params, meta);
      resolve();
    };
    const onClose = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(() => done(compute()), params.waitMs);
    unsubscribe = deps.hub.subscribe(topics, () => {
      const answer = compute();
      if (reported(answer) > params.minIndex) done(answer);
    });
    ctx.res.on("close", onClose);
  });
}

const reported = (answer: { index: number }): number => Math.max(1, answer.index);

function finish(ctx: Context, answer: Answer, params: BlockingParams, meta: (index: number, consistency: string) => string[]): void {
  if (ctx.res.destroyed) return;
  if (answer.send) {
    const headers = meta(answer.index, params.consistency);
    for (let i = 0; i < headers.length; i += 2) ctx.res.setHeader(headers[i] as string, headers[i + 1] as string);
    answer.send(ctx);
    return;
  }
  // The hot path when one write wakes hundreds of watchers: one serialization per answer, the
  // headers as a flat array (no per-header setHeader bookkeeping), and a string body, which Node
  // sends in the same write as the headers (a Buffer body costs a writev).
  answer.text ??= JSON.stringify(answer.body);
  answer.headers ??= new Map();
  let headers = answer.headers.get(params.consistency);
  if (headers === undefined) {
    headers = [
      ...meta(answer.index, params.consistency),
      "Content-Type",
      "application/json",
      "Content-Length",
      String(Buffer.byteLength(answer.text)),
    ];
    answer.headers.set(params.consistency, headers);
  }
  ctx.res.writeHead(answer.status ?? 200, headers);
  ctx.res.end(answer.text);
}
