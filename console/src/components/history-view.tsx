"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePublicConfig } from "../app/providers";
import { historyQuery, revertJob } from "../lib/api/services";
import type { JobEntry } from "../lib/view/history";

function when(ms: number | null): string {
  return ms === null ? "–" : new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

export function HistoryView({ job }: { job: string }) {
  const { pollMs } = usePublicConfig();
  const query = historyQuery(job, pollMs);
  const { data, error } = useQuery(query);
  const client = useQueryClient();
  const current = data?.timeline.find((e): e is JobEntry => e.kind === "job" && e.current);
  const revert = useMutation({
    mutationFn: (version: number) => revertJob(job, version, current?.version ?? 0),
    onSettled: () => client.invalidateQueries({ queryKey: query.queryKey }),
  });
  if (!data) return <p className="card muted">{error ? `Could not load the history of ${job}: ${error.message}` : "Loading…"}</p>;
  return (
    <section className="card wide" aria-labelledby="hist-h">
      <h2 id="hist-h">Timeline (newest first)</h2>
      {revert.error ? (
        <p role="alert" className="error">
          {revert.error.message}
        </p>
      ) : null}
      {revert.data ? <p className="muted">Reverted to version {revert.data.version}; Nomad registers it as a new version.</p> : null}
      <ol className="timeline" data-testid="timeline">
        {data.timeline.map((e) =>
          e.kind === "routing-now" ? (
            <li key="routing-now" data-testid="routing-now">
              <strong>Routing now</strong> · revision {e.revision} · {e.summary}
            </li>
          ) : e.kind === "routing" ? (
            <li key={`routing-${e.atMs}-${e.revision ?? ""}`} className="routing-change" data-testid="routing-change">
              <div className="row">
                <strong>Routing</strong>
                <span>{e.summary}</span>
                <span className="tag">{e.actor}</span>
                {e.revision !== null ? <span className="muted">revision {e.revision}</span> : null}
                <span className="muted">{when(e.atMs)}</span>
              </div>
              {e.reason ? <p className="muted small">{e.reason}</p> : null}
            </li>
          ) : (
            <li key={e.version} data-testid={`version-${e.version}`}>
              <div className="row">
                <strong>Version {e.version}</strong>
                {e.label ? <span className="tag">{e.label}</span> : null}
                {e.current ? <span className="tag">current</span> : null}
                {e.stable ? <span className="tag">stable</span> : null}
                <span className="muted">{when(e.submittedMs)}</span>
                {e.current ? null : (
                  <button type="button" disabled={revert.isPending} onClick={() => revert.mutate(e.version)}>
                    Revert to version {e.version}
                  </button>
                )}
              </div>
              {e.first ? (
                <p className="muted small">first version</p>
              ) : e.changes.length === 0 ? (
                <p className="muted small">no changes from the version before</p>
              ) : (
                <table className="diff">
                  <tbody>
                    {e.changes.map((c) => (
                      <tr key={`${c.type}:${c.path}`} className={`diff-${c.type.toLowerCase()}`}>
                        <td>{c.type === "Added" ? "+" : c.type === "Deleted" ? "−" : "±"}</td>
                        <td>
                          <code>{c.path}</code>
                        </td>
                        <td>
                          <code>{c.old}</code>
                        </td>
                        <td>→</td>
                        <td>
                          <code>{c.new}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
