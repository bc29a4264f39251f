/**
 * @module http/kv: `/v1/kv/<key>` GET (single, `recurse`, `keys` + `separator`, `raw`), PUT (`flags`,
 * `cas`) and DELETE (`recurse`, `cas`). A miss is a 404 with an empty body but with the index
 * headers, so node-consul's watch treats it as "no value yet" instead of dying.
 * https://developer.hashicorp.com/consul/api-docs/kv
 */
import { badRequest, ConsulError } from "../errors.js";
import { kvKeyTopic, kvPrefixTopic } from "../store/topics.js";
import type { KvEntry, State } from "../store/types.js";
import { type Answer, blockingQuery } from "./blocking.js";
import type { Context } from "./context.js";
import type { Deps } from "./deps.js";
import { sendJson } from "./respond.js";

export const MAX_VALUE_BYTES = 512 * 1024;
const UINT = /^\d+$/;

export function kvHandler(deps: Deps) {
  return async function kv(ctx: Context): Promise<void> {
    if (ctx.method === "GET") return kvGet(ctx, deps);
    if (ctx.method === "PUT" || ctx.method === "POST") return kvPut(ctx, deps);
    if (ctx.method === "DELETE") return kvDelete(ctx, deps);
    throw new ConsulError(405, "METHOD_NOT_ALLOWED", `method ${ctx.method} not allowed`);
  };
}

function kvGet(ctx: Context, deps: Deps): Promise<void> {
  const key = ctx.tail;
  const state = deps.store.state;
  if (ctx.has("keys")) {
    const separator = ctx.query.get("separator") ?? ctx.query.get("seperator") ?? "";
    return blockingQuery(ctx, deps, [kvPrefixTopic(key)], () => keysAnswer(state, key, separator));
  }
  if (ctx.has("recurse")) {
    return blockingQuery(ctx, deps, [kvPrefixTopic(key)], () => {
      const entries = entriesUnder(state, key);
      const index = prefixIndex(state, key);
      return entries.length === 0 ? notFoundAnswer(index) : { index, body: entries.map(dirEntry) };
    });
  }
  if (key === "") throw badRequest("Missing key name", "MISSING_KEY");
  const raw = ctx.has("raw");
  return blockingQuery(ctx, deps, [kvKeyTopic(key)], () => {
    const entry = state.kv.get(key);
    if (entry === undefined) return notFoundAnswer(state.kvTombstones.get(key) ?? state.kvTableIndex);
    if (!raw) return { index: entry.modifyIndex, body: [dirEntry(entry)] };
    return { index: entry.modifyIndex, send: (c) => sendRaw(c, entry) };
  });
}

function keysAnswer(state: State, prefix: string, separator: string): Answer {
  const out = new Set<string>();
  for (const key of [...state.kv.keys()].sort()) {
    if (!key.startsWith(prefix)) continue;
    const cut = separator === "" ? -1 : key.indexOf(separator, prefix.length);
    out.add(cut === -1 ? key : key.slice(0, cut + separator.length));
  }
  const index = prefixIndex(state, prefix);
  if (out.size === 0 && prefix !== "") return notFoundAnswer(index);
  return { index, body: [...out] };
}

function notFoundAnswer(index: number): Answer {
  return {
    index,
    send: (ctx) => {
      ctx.res.writeHead(404, { "Content-Length": 0 });
      ctx.res.end();
    },
  };
}

function sendRaw(ctx: Context, entry: KvEntry): void {
  const bytes = entry.value === null ? Buffer.alloc(0) : Buffer.from(entry.value, "base64");
  ctx.res.writeHead(200, {
    "Content-Type": "text/plain",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Content-Length": bytes.length,
  });
  ctx.res.end(bytes);
}

function entriesUnder(state: State, prefix: string): KvEntry[] {
  const out: KvEntry[] = [];
  for (const entry of state.kv.values()) if (entry.key.startsWith(prefix)) out.push(entry);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The last change under a prefix, deletions included, so a recursive watch sees a delete. */
function prefixIndex(state: State, prefix: string): number {
  let index = 0;
  for (const entry of state.kv.values()) if (entry.key.startsWith(prefix) && entry.modifyIndex > index) index = entry.modifyIndex;
  for (const [key, at] of state.kvTombstones) if (key.startsWith(prefix) && at > index) index = at;
  return index === 0 ? state.kvTableIndex : index;
}

export function dirEntry(entry: KvEntry): Record<string, unknown> {
  return {
    LockIndex: entry.lockIndex,
    Key: entry.key,
    Flags: Number(entry.flags),
    Value: entry.value,
    CreateIndex: entry.createIndex,
    ModifyIndex: entry.modifyIndex,
  };
}

function uintParam(ctx: Context, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null) return undefined;
  if (!UINT.test(raw)) throw badRequest(`Invalid ${name} value: ${JSON.stringify(raw)}`);
  return Number(raw);
}

async function kvPut(ctx: Context, deps: Deps): Promise<void> {
  const key = ctx.tail;
  if (key === "") throw badRequest("Missing key name", "MISSING_KEY");
  const given = ["cas", "acquire", "release"].filter((f) => ctx.has(f));
  if (given.length > 1) throw badRequest(`Conflicting flags: ${ctx.query.toString()}`, "CONFLICTING_FLAGS");
  const flags = ctx.query.get("flags") ?? "0";
  if (!UINT.test(flags) || BigInt(flags) > 0xffffffffffffffffn) throw badRequest(`Invalid flags: ${JSON.stringify(flags)}`);
  const cas = uintParam(ctx, "cas");
  if (ctx.has("acquire") || ctx.has("release")) {
    // Sessions are not part of the dev agent, so no session ID can be valid (Consul answers the same).
    throw new ConsulError(500, "UNSUPPORTED", `invalid session "${ctx.query.get("acquire") ?? ctx.query.get("release")}"`);
  }
  const body = await ctx.body(MAX_VALUE_BYTES);
  const value = body.length === 0 ? null : body.toString("base64");
  const result = await deps.store.commit({ type: "kv-set", key, value, flags: String(BigInt(flags)), ...(cas === undefined ? {} : { cas }) });
  sendJson(ctx.res, 200, result.ok);
}

async function kvDelete(ctx: Context, deps: Deps): Promise<void> {
  const key = ctx.tail;
  const recurse = ctx.has("recurse");
  if (key === "" && !recurse) throw badRequest("Missing key name", "MISSING_KEY");
  const cas = uintParam(ctx, "cas");
  if (cas !== undefined && recurse) throw badRequest("Conflicting flags: cas, recurse", "CONFLICTING_FLAGS");
  const result = await deps.store.commit({ type: "kv-delete", key, recurse, ...(cas === undefined ? {} : { cas }) });
  sendJson(ctx.res, 200, result.ok);
}
