/**
 * A MOCK of Prometheus' `/api/v1/query` for the controller's integration tests: it answers the
 * three queries the controller sends (requests, successes, p99 by dst_version) with figures the
 * test sets, and records every query. Real Prometheus end to end is the resilience suite's job;
 * here the point is the controller's own behaviour over real HTTP, Consul and Nomad.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface MockFigures {
  requests: number;
  successRatio: number;
  p99Ms: number;
}

export interface PrometheusMock {
  url: string;
  /** Figures per version; a version not set has no series at all. */
  figures: Map<string, MockFigures>;
  /** Every query received: its PromQL and `time` parameter. */
  queries: Array<{ query: string; time: string | null }>;
  /** While set, every query answers 503 (Prometheus down). */
  down: boolean;
  close(): Promise<void>;
}

export async function startPrometheusMock(): Promise<PrometheusMock> {
  const mock: Omit<PrometheusMock, "url" | "close"> = { figures: new Map(), queries: [], down: false };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== "/api/v1/query") return send(404, { status: "error", errorType: "not_found", error: "the mock serves /api/v1/query only" });
    const query = url.searchParams.get("query");
    if (!query) return send(400, { status: "error", errorType: "bad_data", error: "query is required" });
    mock.queries.push({ query, time: url.searchParams.get("time") });
    if (mock.down) return send(503, { status: "error", errorType: "unavailable", error: "mock is down" });
    const at = Number(url.searchParams.get("time") ?? Date.now() / 1000);
    const result = [...mock.figures].map(([version, f]) => {
      let value: number;
      if (query.startsWith("histogram_quantile(")) value = f.p99Ms / 1000;
      else if (query.includes("code_class!~")) value = f.requests * f.successRatio;
      else value = f.requests;
      return { metric: { dst_version: version }, value: [at, String(value)] };
    });
    send(200, { status: "success", data: { resultType: "vector", result } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(mock, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
