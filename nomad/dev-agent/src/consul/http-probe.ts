/**
 * @module consul/http-probe: one HTTP check probe on a connection of its own.
 *
 * Probes never reuse a keep-alive connection, as Consul's own HTTP checks (`DisableKeepAlives` in
 * hashicorp/consul agent/checks/check.go): a pooled socket can have been closed by the peer while
 * it sat idle, and after the agent was paused (SIGSTOP, a long GC, a loaded machine) longer than
 * the peer's keep-alive timeout every check's next probe would fail on a dead socket ("other side
 * closed") and turn every instance critical at once. A fresh connection costs a loopback handshake
 * per probe, which checks at second intervals do not notice.
 */
import { type ClientRequest, type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { CheckStatus } from "../store/types.js";
import { httpOutput, httpStatusToCheck, redirectHeaders } from "./check-rules.js";

/** Consul keeps at most this much of a check's response body as its output. */
const OUTPUT_LIMIT = 4096;

export interface HttpProbe {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Covers the whole exchange, connect to last body byte, like Consul's client timeout. */
  timeoutMs: number;
}

/** As Go's HTTP client, which Consul's checks use: redirects are followed, up to 10. */
const MAX_REDIRECTS = 10;

type Result = { status: CheckStatus; output: string };

export function probeHttp(p: HttpProbe): Promise<Result> {
  const { url, method, timeoutMs } = p;
  const failed = (reason: string): Result => ({ status: "critical", output: `${method} "${url}": ${reason}` });
  return new Promise((resolve) => {
    let settled = false;
    let req: ClientRequest | undefined;
    const finish = (result: Result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve(result);
    };
    // One deadline for the whole probe, redirects included.
    const timer = setTimeout(() => finish(failed("request timed out")), timeoutMs);
    const send = (target: URL, hopMethod: string, body: string | undefined, hops: number): void => {
      if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error(`unsupported protocol scheme "${target.protocol.replace(":", "")}"`);
      // `agent: false`: a one-off agent without keep-alive, so the request says `Connection: close`
      // and its socket is closed after the answer.
      const headers = hops === 0 ? p.headers : redirectHeaders(p.headers, new URL(url), target);
      const sent = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, { method: hopMethod, headers, agent: false }, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && status !== 304 && location !== undefined) {
          res.resume();
          sent.destroy();
          if (hops >= MAX_REDIRECTS) return finish(failed(`stopped after ${MAX_REDIRECTS} redirects`));
          // 301/302/303 turn into a GET without a body (as Go's client); 307/308 repeat the request.
          const keep = status === 307 || status === 308;
          try {
            send(new URL(location, target), keep || hopMethod === "HEAD" ? hopMethod : "GET", keep ? body : undefined, hops + 1);
          } catch (error) {
            finish(failed((error as Error).message));
          }
          return;
        }
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length < OUTPUT_LIMIT) text += chunk;
        });
        res.on("end", () => finish({ status: httpStatusToCheck(status), output: httpOutput(method, url, status, res.statusMessage ?? "", text) }));
        res.on("error", (error) => finish(failed(error.message)));
      });
      req = sent;
      sent.on("error", (error) => finish(failed(error.message)));
      sent.end(body);
    };
    try {
      send(new URL(url), method, p.body, 0);
    } catch (error) {
      finish(failed((error as Error).message));
    }
  });
}
