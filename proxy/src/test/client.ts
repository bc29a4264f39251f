/** @module HTTP client helpers for tests: keep-alive requests and bounded concurrent loads. */
import { Agent, request } from "undici";

export const client = new Agent({ keepAliveTimeout: 10_000, connections: 128 });

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export async function get(url: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Reply> {
  const res = await request(url, { method: method as "GET", headers, body, dispatcher: client });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Sends `total` requests with at most `concurrency` in flight; returns the replies in order of completion. */
export async function load<T>(total: number, concurrency: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      results.push(await send(i));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Runs requests back to back with `concurrency` workers until `ms` elapse. */
export async function loadFor<T>(ms: number, concurrency: number, send: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  const end = Date.now() + ms;
  const worker = async (): Promise<void> => {
    while (Date.now() < end) results.push(await send());
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The value of one sample line of a Prometheus text exposition, or 0 when absent. */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}
