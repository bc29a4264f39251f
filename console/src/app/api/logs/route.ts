import { backends } from "../../../lib/server/context";
import { ConsoleError, ConsoleErrorCode, errorResponse } from "../../../lib/server/errors";
import { logQuery, parseInput } from "../../../lib/server/input";
import { refuseOtherMethods } from "../../../lib/server/methods";

export const dynamic = "force-dynamic";

/**
 * Follows an allocation's stdout/stderr: a streaming text response that stays open and carries each
 * chunk Nomad sends as soon as it arrives. The first chunk is awaited before answering so an unknown
 * allocation or task is a JSON error rather than an empty 200.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const q = parseInput(logQuery, Object.fromEntries(new URL(request.url).searchParams), "log query");
    const abort = new AbortController();
    request.signal.addEventListener("abort", () => abort.abort(), { once: true });
    const log = backends().followLog(q.alloc, q.task, q.type, q.tail, abort.signal);
    const firstChunk = log.next();
    const early = await Promise.race([
      firstChunk.then(
        () => "ok",
        () => "failed",
      ),
      // Nomad holds a follow of an empty log open without a byte; that is still a valid answer.
      new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 1_500)),
    ]);
    if (early === "failed") await firstChunk; // throws: answered as a JSON error below
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          for (let next = await firstChunk; !next.done; next = await log.next()) controller.enqueue(next.value);
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        abort.abort();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
        // Next's gzip would hold small chunks back; an encoding already set makes it pass them through.
        "content-encoding": "none",
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    if (error instanceof ConsoleError) return errorResponse(error);
    return errorResponse(new ConsoleError(ConsoleErrorCode.Upstream, error instanceof Error ? error.message : String(error)));
  }
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
