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
import { httpOutput, httpStatusToCheck } from "./check-rules.js";

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

export function probeHttp(p: HttpProbe): Promise<{ status: CheckStatus; output: string }> {
  const { url, method, timeoutMs } = p;
  const failed = (reason: string) => ({ status: "critical" as const, output: `${method} "${url}": ${reason}` });
  return new Promise((resolve) => {
    let settled = false;
    let req: ClientRequest | undefined;
    const finish = (result: { status: CheckStatus; output: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(failed("request timed out")), timeoutMs);
    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== "http:" && target.protocol !== "https:") throw new Error(`unsupported protocol scheme "${target.protocol.replace(":", "")}"`);
      // `agent: false`: a one-off agent without keep-alive, so the request says `Connection: close`
      // and its socket is closed after the answer.
      req = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, { method, headers: p.headers, agent: false }, (res: IncomingMessage) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (body.length < OUTPUT_LIMIT) body += chunk;
        });
        res.on("end", () => finish({ status: httpStatusToCheck(res.statusCode ?? 0), output: httpOutput(method, url, res.statusCode ?? 0, res.statusMessage ?? "", body) }));
        res.on("error", (error) => finish(failed(error.message)));
      });
    } catch (error) {
      finish(failed((error as Error).message));
      return;
    }
    req.on("error", (error) => finish(failed(error.message)));
    req.end(p.body);
  });
}
