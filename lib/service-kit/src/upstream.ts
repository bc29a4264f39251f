import { Agent, type IncomingHttpHeaders, request } from "node:http";
import { ErrorCodes, HttpError } from "./errors.js";
import { contextOfOutbound } from "./request-context.js";
import { SERVED_BY_HEADER } from "./served-by.js";

export interface UpstreamOptions {
  /** Where to connect: the service itself, or this instance's egress sidecar. */
  url: string;
  /** The logical service name sent as Host, so an egress sidecar knows where to route. */
  host?: string | undefined;
  /** Deadline for the whole exchange (connect, wait, body), not just socket idleness. */
  timeoutMs: number;
  /** The name used in error messages ("forex-rate"). */
  name: string;
  maxBodyBytes?: number;
}

export interface TextResponse {
  status: number;
  text: string;
}

export interface UpstreamResponse<T> {
  status: number;
  body: T;
  headers: IncomingHttpHeaders;
}

export interface CallOptions {
  /** A deadline of this call's own, shorter than the upstream's (a health probe's, say). */
  timeoutMs?: number;
}

export interface Upstream {
  /** The body as text, for callers that must read numbers exactly as they were written. */
  get(pathAndQuery: string, headers?: Record<string, string>, options?: CallOptions): Promise<TextResponse & { headers: IncomingHttpHeaders }>;
  getJson<T>(pathAndQuery: string, headers?: Record<string, string>, options?: CallOptions): Promise<UpstreamResponse<T>>;
  close(): void;
}

/**
 * A keep-alive GET client for one upstream service. Failures become HttpErrors the services can
 * answer with directly: unreachable → 502, past the deadline → 504, oversized or not JSON → 502.
 * Upstream 4xx answers are returned (not thrown) so the caller decides whether they are the
 * client's fault. The deadline covers the whole exchange: an upstream that trickles a byte at a
 * time would never trip a socket-idle timeout.
 */
export function createUpstream({ url, host, timeoutMs, name, maxBodyBytes = 5 * 1024 * 1024 }: UpstreamOptions): Upstream {
  const base = new URL(url);
  const basePath = base.pathname.replace(/\/$/, "");
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 256 });

  function get(pathAndQuery: string, headers: Record<string, string> = {}, options: CallOptions = {}): ReturnType<Upstream["get"]> {
    const limitMs = options.timeoutMs ?? timeoutMs;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        outcome();
      };
      const fail = (status: number, code: string, message: string, cause?: unknown): void =>
        finish(() => reject(new HttpError(status, code, message, { cause })));
      const req = request(
        {
          agent,
          hostname: base.hostname,
          port: base.port || 80,
          path: basePath + pathAndQuery,
          method: "GET",
          headers: { accept: "application/json", ...headers, host: host ?? base.host },
        },
        (res) => {
          // The answering service's chain joins the calling request's, whatever the status.
          contextOfOutbound(headers)?.recordServedBy(res.headers[SERVED_BY_HEADER]);
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBodyBytes) {
              req.destroy();
              fail(502, ErrorCodes.upstreamBadResponse, `${name} sent a response over ${maxBodyBytes} bytes`);
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () =>
            finish(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers })),
          );
          res.on("error", (cause) => fail(502, ErrorCodes.upstreamUnavailable, `${name} closed the connection mid-response`, cause));
        },
      );
      const deadline = setTimeout(() => {
        req.destroy();
        fail(504, ErrorCodes.upstreamTimeout, `${name} did not answer within ${limitMs} ms`);
      }, limitMs);
      req.on("error", (cause: NodeJS.ErrnoException) =>
        fail(502, ErrorCodes.upstreamUnavailable, `${name} is unreachable (${cause.code ?? cause.message})`, cause),
      );
      req.end();
    });
  }

  async function getJson<T>(pathAndQuery: string, headers: Record<string, string> = {}, options: CallOptions = {}): Promise<UpstreamResponse<T>> {
    const { status, text, headers: responseHeaders } = await get(pathAndQuery, headers, options);
    try {
      return { status, body: JSON.parse(text) as T, headers: responseHeaders };
    } catch (cause) {
      throw new HttpError(502, ErrorCodes.upstreamBadResponse, `${name} answered ${status} with a body that is not JSON`, { cause });
    }
  }

  return { get, getJson, close: () => agent.destroy() };
}
