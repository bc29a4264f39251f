/** @module allocations: `/v1/allocations`, `/v1/allocation/:id` and log streaming (API reference §A5, §A6). */
import { NomadError, NomadErrorCode } from "./errors.js";
import { FrameDecoder, type StreamFrame } from "./frames.js";
import type { QueryMeta, QueryOptions, Transport, WriteMeta, WriteOptions } from "./transport.js";
import type { Allocation, AllocationListStub } from "./types.js";

type Q<T> = Promise<{ data: T; meta: QueryMeta }>;
const allocPath = (id: string, sub = "") => `/v1/allocation/${encodeURIComponent(id)}${sub}`;

export interface LogOptions {
  task: string;
  type?: "stdout" | "stderr";
  /** Keep the stream open and yield new output as it is written. */
  follow?: boolean;
  origin?: "start" | "end";
  /** Bytes from the origin (backwards when origin is `end`). */
  offset?: number;
  signal?: AbortSignal;
}

function logQuery(o: LogOptions, plain: boolean): QueryOptions {
  const q: QueryOptions = {
    params: {
      task: o.task,
      type: o.type ?? "stdout",
      follow: o.follow ?? false,
      origin: o.origin ?? "start",
      offset: o.offset ?? 0,
      plain,
    },
  };
  if (o.signal) q.signal = o.signal;
  return q;
}

async function* chunks(res: Response): AsyncGenerator<Uint8Array> {
  if (!res.body) return;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
    await res.body.cancel().catch(() => {});
  }
}

export function allocationsApi(t: Transport) {
  return {
    list(q?: QueryOptions): Q<AllocationListStub[]> {
      return t.query("/v1/allocations", q);
    },
    info(id: string, q?: QueryOptions): Q<Allocation> {
      return t.query(allocPath(id), q);
    },
    stop(id: string, o: { noShutdownDelay?: boolean } & WriteOptions = {}): Promise<{ data: { EvalID?: string; Index?: number }; meta: WriteMeta }> {
      return t.write("PUT", allocPath(id, "/stop"), undefined, { ...o, params: { ...o.params, no_shutdown_delay: o.noShutdownDelay ? true : undefined } });
    },
    /** Framed log stream: data frames with their file and offset; heartbeats are dropped. */
    async *logs(allocID: string, o: LogOptions): AsyncGenerator<StreamFrame> {
      const res = await t.stream(`/v1/client/fs/logs/${encodeURIComponent(allocID)}`, logQuery(o, false));
      const decoder = new FrameDecoder();
      const text = new TextDecoder();
      for await (const chunk of chunks(res)) yield* decoder.push(text.decode(chunk, { stream: true }));
      yield* decoder.push(text.decode());
      if (!decoder.idle) throw new NomadError(NomadErrorCode.Decode, "log stream ended inside a frame");
    },
    /** `plain=true`: the raw bytes of the log, no framing. */
    async *logsPlain(allocID: string, o: LogOptions): AsyncGenerator<Uint8Array> {
      const res = await t.stream(`/v1/client/fs/logs/${encodeURIComponent(allocID)}`, logQuery(o, true));
      yield* chunks(res);
    },
  };
}
export type AllocationsApi = ReturnType<typeof allocationsApi>;
