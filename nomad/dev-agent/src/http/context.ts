/**
 * @module http/context: one request as the handlers see it: method, the decoded path tail, the
 * query, a bounded body reader, and the response helpers that set Consul's headers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest, ConsulError } from "../errors.js";

export interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** The part of the path after the route's prefix, percent-decoded (node-consul sends `a%2Fb`). */
  tail: string;
  query: URLSearchParams;
  /** Presence flag as Consul reads it: `?recurse`, `?recurse=true` and even `?recurse=false` count. */
  has(name: string): boolean;
  body(limit: number): Promise<Buffer>;
}

export function createContext(req: IncomingMessage, res: ServerResponse, rawTail: string, query: URLSearchParams): Context {
  let tail: string;
  try {
    tail = decodeURIComponent(rawTail);
  } catch {
    throw badRequest(`Invalid URL path encoding: ${rawTail}`);
  }
  return {
    req,
    res,
    method: req.method ?? "GET",
    tail,
    query,
    has: (name) => query.has(name),
    body: (limit) => readBody(req, limit),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit keep reading and discarding, so the client gets its 413 instead of a reset;
      // a client that keeps sending far past it is cut off.
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 32) req.destroy();
    });
    req.on("end", () => {
      if (size > limit) reject(new ConsulError(413, "BODY_TOO_LARGE", `Request body(${size} bytes) too large, max size: ${limit} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/** Parses a JSON request body; an empty body is `undefined`, a broken one a 400. */
export async function jsonBody(ctx: Context, limit = 1 << 20): Promise<unknown> {
  const buf = await ctx.body(limit);
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString("utf8"));
  } catch (error) {
    throw badRequest(`Request decode failed: ${(error as Error).message}`, "DECODE_FAILED");
  }
}
