import { Agent, request } from "node:http";
import { ErrorCodes, HttpError } from "./errors.js";

export interface UpstreamOptions {
  /** Where to connect: the service itself, or this instance's egress sidecar. */
  url: string;
  /** The logical service name sent as Host, so an egress sidecar knows where to route. */
  host?: string | undefined;
  timeoutMs: number;
  /** The name used in error messages ("forex-rate"). */
  name: string;
}

export interface UpstreamResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface Upstream {
  getJson<T>(pathAndQuery: string, headers?: Record<string, string>): Promise<UpstreamResponse<T>>;
  close(): void;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A keep-alive JSON client for one upstream service. Failures become HttpErrors the services can
 * answer with directly: unreachable → 502, too slow → 504, not JSON → 502. Upstream 4xx answers are
 * returned (not thrown) so the caller decides whether they are the client's fault.
 */
export function createUpstream({ url, host, timeoutMs, name }: UpstreamOptions): Upstream {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 256 });
  const basePath = base.pathname.replace(/\/$/, "");

  function getJson<T>(pathAndQuery: string, headers: Record<string, string> = {}): Promise<UpstreamResponse<T>> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          hostname: base.hostname,
          port: base.port || 80,
          path: basePath + pathAndQuery,
          method: "GET",
          headers: { accept: "application/json", ...headers, host: host ?? base.host },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              res.destroy();
              reject(new HttpError(502, ErrorCodes.upstreamBadResponse, `${name} sent a response over ${MAX_BODY_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T, headers: res.headers });
            } catch (cause) {
              reject(
                new HttpError(502, ErrorCodes.upstreamBadResponse, `${name} answered ${res.statusCode} with a body that is not JSON`, {
                  cause,
                }),
              );
            }
          });
          res.on("error", (cause) =>
            reject(new HttpError(502, ErrorCodes.upstreamUnavailable, `${name} closed the connection mid-response`, { cause })),
          );
        },
      );
      req.on("timeout", () => {
        req.destroy();
        reject(new HttpError(504, ErrorCodes.upstreamTimeout, `${name} did not answer within ${timeoutMs} ms`));
      });
      req.on("error", (cause: NodeJS.ErrnoException) => {
        reject(
          new HttpError(502, ErrorCodes.upstreamUnavailable, `${name} is unreachable (${cause.code ?? cause.message})`, { cause }),
        );
      });
      req.end();
    });
  }

  return { getJson, close: () => agent.destroy() };
}
