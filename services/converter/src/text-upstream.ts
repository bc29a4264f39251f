import { Agent, request } from "node:http";
import { ErrorCodes, HttpError } from "@forex-mesh/service-kit";

export interface TextUpstreamOptions {
  url: string;
  host?: string | undefined;
  /** Deadline for the whole exchange (connect, wait, body), not just socket idleness. */
  timeoutMs: number;
  name: string;
}

export interface TextResponse {
  status: number;
  text: string;
}

export interface TextUpstream {
  get(pathAndQuery: string, headers?: Record<string, string>): Promise<TextResponse>;
  close(): void;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A keep-alive GET client that hands back the body as text. service-kit's `createUpstream` parses
 * JSON itself, which turns every rate into a binary float before we can read it; the converter needs
 * the digits exactly as forex-rate wrote them. Failures map like service-kit's: unreachable → 502,
 * past the deadline → 504.
 */
export function createTextUpstream({ url, host, timeoutMs, name }: TextUpstreamOptions): TextUpstream {
  const base = new URL(url);
  const basePath = base.pathname.replace(/\/$/, "");
  const agent = new Agent({ keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 256 });

  function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<TextResponse> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        outcome();
      };
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
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              req.destroy();
              finish(() =>
                reject(new HttpError(502, ErrorCodes.upstreamBadResponse, `${name} sent a response over ${MAX_BODY_BYTES} bytes`)),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => finish(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") })));
          res.on("error", (cause) =>
            finish(() =>
              reject(new HttpError(502, ErrorCodes.upstreamUnavailable, `${name} closed the connection mid-response`, { cause })),
            ),
          );
        },
      );
      const deadline = setTimeout(() => {
        req.destroy();
        finish(() => reject(new HttpError(504, ErrorCodes.upstreamTimeout, `${name} did not answer within ${timeoutMs} ms`)));
      }, timeoutMs);
      req.on("error", (cause: NodeJS.ErrnoException) =>
        finish(() =>
          reject(new HttpError(502, ErrorCodes.upstreamUnavailable, `${name} is unreachable (${cause.code ?? cause.message})`, { cause })),
        ),
      );
      req.end();
    });
  }

  return { get, close: () => agent.destroy() };
}
