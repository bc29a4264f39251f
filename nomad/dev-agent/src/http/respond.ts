/**
 * @module http/respond: writing answers the way Consul does. Reads carry X-Consul-Index (never 0:
 * Consul rewrites 0 to 1 because clients treat 0 as "no blocking support"), KnownLeader and
 * LastContact; errors are text/plain.
 * https://developer.hashicorp.com/consul/api-docs/features/blocking
 */
import type { ServerResponse } from "node:http";

export function queryMetaHeaders(index: number, consistency: string): string[] {
  return [
    "X-Consul-Index",
    String(Math.max(1, index)),
    "X-Consul-KnownLeader",
    "true",
    "X-Consul-LastContact",
    "0",
    "X-Consul-Effective-Consistency",
    consistency,
  ];
}

export function setQueryMeta(res: ServerResponse, index: number, consistency: string): void {
  const headers = queryMetaHeaders(index, consistency);
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i] as string, headers[i + 1] as string);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

export function sendJsonText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** A write's answer: 200 and an empty body, as the agent endpoints give it. */
export function sendEmpty(res: ServerResponse): void {
  res.writeHead(200, { "Content-Length": 0 });
  res.end();
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
