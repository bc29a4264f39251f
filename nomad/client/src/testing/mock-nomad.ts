/**
 * @module testing/mock-nomad: a MOCK of a Nomad agent for the client's tests, because no Nomad
 * binary runs here and the dev agent's Nomad API does not exist yet. It is a real `node:http`
 * server on 127.0.0.1 that records every request (method, path, query, headers, body) and plays
 * canned answers, so tests assert exactly what goes over the wire.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (Nomad errors are text/plain); anything else as JSON. */
  body?: unknown;
  /** Delay before answering, to play a blocking query. */
  delayMs?: number;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => CannedResponse | undefined | Promise<CannedResponse | undefined>;

export interface MockNomad {
  address: string;
  requests: RecordedRequest[];
  /** `on("GET /v1/jobs", …)`; the handler may write to `res` itself (streams) and return undefined. */
  on(route: string, handler: Handler | CannedResponse): void;
  close(): Promise<void>;
}

export async function startMockNomad(): Promise<MockNomad> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rec: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(rec);
    const handler = routes.get(`${rec.method} ${rec.path}`);
    if (!handler) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("mock-nomad: no canned answer for this route");
      return;
    }
    const canned = await handler(rec, res);
    if (!canned) return;
    if (canned.delayMs) await new Promise((r) => setTimeout(r, canned.delayMs));
    const text = typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body ?? null);
    const type = typeof canned.body === "string" ? "text/plain" : "application/json";
    res.writeHead(canned.status ?? 200, { "Content-Type": type, ...canned.headers }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    requests,
    on(route, handler) {
      routes.set(route, typeof handler === "function" ? handler : () => handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The index headers every Nomad read carries. */
export function indexHeaders(index: number, extra: Record<string, string> = {}): Record<string, string> {
  return { "X-Nomad-Index": String(index), "X-Nomad-KnownLeader": "true", "X-Nomad-LastContact": "0", ...extra };
}
