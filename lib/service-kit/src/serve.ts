import { createServer, type RequestListener, type Server } from "node:http";
import type { Logger } from "./logger.js";

export interface ServeOptions {
  port: number;
  host: string;
  logger: Logger;
  /** How long in-flight requests may take to finish after SIGTERM before sockets are cut. */
  graceMs: number;
  /** Called when draining starts, so /readyz can fail first. */
  onDrain?: () => void;
  /** Signals that start the drain; tests pass [] and call close() themselves. */
  signals?: NodeJS.Signals[];
}

export interface Serving {
  server: Server;
  url: string;
  port: number;
  /** Stops accepting, waits for in-flight requests (up to graceMs), then closes every socket. */
  close(): Promise<void>;
}

/**
 * Listens and drains on SIGTERM. Idle keep-alive sockets are kept longer than a proxy's idle timeout
 * would be, so a sidecar never reuses a socket the app is closing (that race shows up as 502s).
 */
export async function serve(
  handler: RequestListener,
  { port, host, logger, graceMs, onDrain, signals = ["SIGTERM", "SIGINT"] }: ServeOptions,
): Promise<Serving> {
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, `listening on ${url}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      onDrain?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Sockets that finish their last response while draining become idle; close them as they do.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(sweep);
      clearTimeout(timer);
    })();
    return closing;
  };

  for (const signal of signals) {
    process.once(signal, () => {
      logger.info({ signal }, "draining in-flight requests");
      close().then(
        () => {
          logger.info("stopped");
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, "error while stopping");
          process.exit(1);
        },
      );
    });
  }
  return { server, url, port: address.port, close };
}
