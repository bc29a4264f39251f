/** @module testing/servers: throwaway loopback servers for the tests. */
import { createServer, type Server } from "node:http";
import { listenOn } from "@forex-mesh/test-utils";
import { createLogger, type Logger, serve, type Serving } from "@forex-mesh/service-kit";
import { type AppDeps, createApp } from "../app.js";
import type { RateTable } from "../data/rate-table.js";
import { createRateStore, type RateStore } from "../store.js";
import { snapshotTable } from "./ecb-files.js";

export interface FileServer {
  url: string;
  /** What the next GET answers; changeable between requests. */
  respond: (status: number, body: Buffer | string) => void;
  requests: () => number;
  close: () => Promise<void>;
}

/** An HTTP server standing in for the ECB's download site. */
export async function fileServer(): Promise<FileServer> {
  let answer: { status: number; body: Buffer | string } = { status: 404, body: "not found" };
  let count = 0;
  const server: Server = createServer((_req, res) => {
    count++;
    res.statusCode = answer.status;
    res.end(answer.body);
  });
  const url = await listenOn(server);
  return {
    url,
    respond: (status, body) => {
      answer = { status, body };
    },
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const silentLogger = (): Logger => createLogger({ service: "forex-rate", version: "test", level: "silent" });

/** The real app on 127.0.0.1 port 0, serving `table` (the committed history unless given). */
export async function startRateApp(
  options: { table?: RateTable; store?: RateStore; version?: string; logger?: Logger; deps?: Partial<AppDeps> } = {},
): Promise<Serving & { store: RateStore }> {
  const logger = options.logger ?? silentLogger();
  const table = options.table ?? snapshotTable();
  const store = options.store ?? createRateStore({ loader: async () => ({ table, format: "snapshot" }), logger });
  if (options.store === undefined) await store.load("committed snapshot");
  const app = createApp({ store, logger, version: options.version ?? "test", ...options.deps });
  const serving = await serve(app, { port: 0, host: "127.0.0.1", logger, graceMs: 1000, signals: [] });
  return Object.assign(serving, { store });
}

/** A logger whose JSON lines land in an array, to check what the service logs. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: "forex-rate",
    version: "test",
    level: "info",
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines: () => lines };
}
