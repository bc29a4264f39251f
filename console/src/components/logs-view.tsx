"use client";
import { useEffect, useState } from "react";
import { appendBounded, type LogRow, splitLines, toLogRow } from "../lib/view/logs";

const MAX_ROWS = 1_000;
const TASKS = ["app", "sidecar"];

type Status = { state: "connecting" } | { state: "following" } | { state: "ended" } | { state: "error"; message: string };

/** Reads the console's streaming `/api/logs` and appends rows as chunks arrive; aborts on change or unmount. */
function useFollow(alloc: string, task: string, type: string): { rows: LogRow[]; status: Status } {
  const [rows, setRows] = useState<LogRow[]>([]);
  const [status, setStatus] = useState<Status>({ state: "connecting" });
  useEffect(() => {
    const abort = new AbortController();
    setRows([]);
    setStatus({ state: "connecting" });
    (async () => {
      const res = await fetch(`/api/logs?${new URLSearchParams({ alloc, task, type })}`, { signal: abort.signal });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      setStatus({ state: "following" });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = "";
      // The stream starts a fixed number of bytes before the end, usually mid-line: that first
      // fragment is dropped (when the whole log is shorter, one complete line is lost; acceptable).
      let first = true;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const split = splitLines(pending, value);
        pending = split.pending;
        if (first && split.lines.length > 0) {
          split.lines.shift();
          first = false;
        }
        if (split.lines.length > 0) setRows((r) => appendBounded(r, split.lines.map(toLogRow), MAX_ROWS));
      }
      setStatus({ state: "ended" });
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) setStatus({ state: "error", message: error instanceof Error ? error.message : String(error) });
    });
    return () => abort.abort();
  }, [alloc, task, type]);
  return { rows, status };
}

export function LogsView(props: { alloc: string; task: string; type: "stdout" | "stderr" }) {
  const [task, setTask] = useState(props.task);
  const [type, setType] = useState(props.type);
  const { rows, status } = useFollow(props.alloc, task, type);
  useEffect(() => {
    window.history.replaceState(null, "", `/logs?${new URLSearchParams({ alloc: props.alloc, task, type })}`);
  }, [props.alloc, task, type]);
  return (
    <section className="card wide" aria-labelledby="logs-h">
      <div className="row">
        <h2 id="logs-h">
          <code>{props.alloc.slice(0, 8)}</code> {task} {type}
        </h2>
        <label>
          Task{" "}
          <select aria-label="Task" value={task} onChange={(e) => setTask(e.target.value)}>
            {(TASKS.includes(task) ? TASKS : [task, ...TASKS]).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <fieldset className="steps" aria-label="stream">
          {(["stdout", "stderr"] as const).map((t) => (
            <button key={t} type="button" aria-pressed={t === type} onClick={() => setType(t)}>
              {t}
            </button>
          ))}
        </fieldset>
        <span data-testid="log-status" className={status.state === "error" ? "error" : "muted"}>
          {status.state === "error" ? status.message : status.state} · {rows.length} lines
        </span>
      </div>
      <table data-testid="log-lines" className="logs">
        <thead>
          <tr>
            <th>Time</th>
            <th>Level</th>
            <th>Message</th>
            <th className="num">Status</th>
            <th>Trace</th>
            <th>Fields</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) =>
            r.msg === null && r.level === null ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity but their position
              <tr key={i}>
                <td colSpan={6}>
                  <code>{r.raw}</code>
                </td>
              </tr>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no identity but their position
              <tr key={i} className={r.level === "error" || r.level === "fatal" || (r.status ?? 0) >= 500 ? "down" : undefined}>
                <td>
                  <code>{r.time ?? ""}</code>
                </td>
                <td>{r.level ?? ""}</td>
                <td>{r.msg ?? ""}</td>
                <td className="num">{r.status ?? ""}</td>
                <td>
                  <code title={r.traceId ?? undefined}>{r.traceId?.slice(0, 8) ?? ""}</code>
                </td>
                <td>
                  <code>{r.rest}</code>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
