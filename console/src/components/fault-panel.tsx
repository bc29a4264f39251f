"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { clearFault, type serviceQuery, setFault } from "../lib/api/services";
import type { ServiceDetail } from "../lib/server/mesh";
import { DEFAULT_FAULT_MINUTES, describeFault, faultRequest, MAX_FAULT_MINUTES } from "../lib/view/faults";

/** Per-version fault injection (applied by that version's sidecars on ingress) and the faults in force. */
export function FaultPanel({ detail, query }: { detail: ServiceDetail; query: ReturnType<typeof serviceQuery> }) {
  const client = useQueryClient();
  const [version, setVersion] = useState<string | null>(null);
  const [latencyMs, setLatency] = useState("0");
  const [errorRatio, setRatio] = useState("0");
  const [minutes, setMinutes] = useState(String(DEFAULT_FAULT_MINUTES));
  const [invalid, setInvalid] = useState<string | null>(null);
  const target = version ?? detail.routing.target ?? "";
  const settle = { onSettled: () => client.invalidateQueries({ queryKey: query.queryKey }) };
  const inject = useMutation({ mutationFn: (req: { version: string; latencyMs: number; errorRatio: number; minutes: number }) => setFault(detail.service, req), ...settle });
  const clear = useMutation({ mutationFn: (v: string | null) => clearFault(detail.service, v), ...settle });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = faultRequest.safeParse({ version: target, latencyMs: Number(latencyMs), errorRatio: Number(errorRatio), minutes: Number(minutes) });
    setInvalid(r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
    if (r.success) inject.mutate(r.data);
  };
  const error = invalid ?? inject.error?.message ?? clear.error?.message ?? null;
  return (
    <section className="card" aria-labelledby="faults-h" data-testid="faults">
      <h2 id="faults-h">Fault injection</h2>
      {detail.faults.length === 0 ? (
        <p className="muted">No fault in force.</p>
      ) : (
        <ul className="faults-list" data-testid="fault-list">
          {detail.faults.map((f) => (
            <li key={f.version}>
              <span className="tag canary">{f.version}</span> {describeFault(f)}{" "}
              <button type="button" disabled={clear.isPending} onClick={() => clear.mutate(f.version)}>
                Clear {f.version} fault
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="fault-form" aria-label="inject a fault" onSubmit={submit} noValidate>
        <div className="row">
          <label htmlFor="fault-version">Fault version</label>
          <select id="fault-version" value={target} onChange={(e) => setVersion(e.target.value)}>
            {detail.routing.versions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          <label htmlFor="fault-latency">Added latency (ms)</label>
          <input id="fault-latency" type="number" min={0} max={30_000} step={1} value={latencyMs} onChange={(e) => setLatency(e.target.value)} />
        </div>
        <div className="row">
          <label htmlFor="fault-ratio">Error ratio (0–1)</label>
          <input id="fault-ratio" type="number" min={0} max={1} step={0.01} value={errorRatio} onChange={(e) => setRatio(e.target.value)} />
          <label htmlFor="fault-minutes">Duration (minutes)</label>
          <input id="fault-minutes" type="number" min={1} max={MAX_FAULT_MINUTES} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </div>
        <div className="row">
          <button type="submit" className="danger" disabled={inject.isPending}>
            Inject fault
          </button>
          <button type="button" disabled={clear.isPending || detail.faults.length === 0} onClick={() => clear.mutate(null)}>
            Clear all faults
          </button>
        </div>
        {error ? (
          <p role="alert" className="error">
            Not applied: {error}
          </p>
        ) : null}
        <p className="muted small">The sidecars of that version add the latency, then answer that share of requests with a 500, until the fault expires (at most {MAX_FAULT_MINUTES} minutes).</p>
      </form>
    </section>
  );
}
