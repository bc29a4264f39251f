"use client";
import { DEFAULT_GATES, DEFAULT_STEP_SECONDS, DEFAULT_STEPS } from "@forex-mesh/rollout/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { usePublicConfig } from "../app/providers";
import { controlRollout, rolloutQuery, startRollout } from "../lib/api/services";
import type { ServiceDetail } from "../lib/server/mesh";
import { type EventRow, parseSteps, type RolloutView } from "../lib/view/rollout";

const GATE_FIELDS = [
  ["minSuccessRatio", "Min success ratio"],
  ["maxSuccessDrop", "Max success drop vs stable"],
  ["maxP99Ms", "Max p99 (ms)"],
  ["maxP99Factor", "Max p99 × stable"],
  ["minRequests", "Min requests per step"],
] as const;
type GateKey = (typeof GATE_FIELDS)[number][0];

/** The automated rollout of the deployed canaries: start it, watch it step and judge, pause / resume / abort. */
export function RolloutPanel({ detail }: { detail: ServiceDetail }) {
  const { pollMs } = usePublicConfig();
  const query = rolloutQuery(detail.service, pollMs);
  const { data, error } = useQuery(query);
  const client = useQueryClient();
  const settle = { onSettled: () => client.invalidateQueries({ queryKey: ["service", detail.service] }) };
  const control = useMutation({ mutationFn: (c: "pause" | "resume" | "abort") => controlRollout(detail.service, c), ...settle });
  const view = data?.view ?? null;
  return (
    <section className="card wide" aria-labelledby="rollout-h" data-testid="rollout">
      <h2 id="rollout-h">Automated rollout</h2>
      {error ? <p className="error">{error.message}</p> : null}
      {data?.errors.map((e) => (
        <p key={e} className="warning">
          Stored rollout key unreadable: {e}
        </p>
      ))}
      {view ? <RolloutStatusView view={view} pending={control.isPending} onControl={(c) => control.mutate(c)} /> : null}
      {control.error ? (
        <p role="alert" className="error">
          {control.error.message}
        </p>
      ) : null}
      {!view || view.terminal ? <StartForm detail={detail} /> : null}
    </section>
  );
}

function RolloutStatusView({ view, pending, onControl }: { view: RolloutView; pending: boolean; onControl: (c: "pause" | "resume" | "abort") => void }) {
  return (
    <>
      <div className="row" data-testid="rollout-status">
        <code>{view.id}</code>
        <span>
          {view.canary} against {view.stable}, steps {view.steps.join("/")}% × {view.stepSeconds} s
        </span>
        <strong className={`phase phase-${view.phase ?? "new"}`}>{view.phase ?? "submitted"}</strong>
        {view.weight !== null ? <span>canary weight {view.weight}%</span> : null}
        {view.where ? <span className="muted">{view.where}</span> : null}
      </div>
      <p data-testid="rollout-message">{view.message}</p>
      <div className="row">
        <button type="button" disabled={pending || !view.allowed.pause} onClick={() => onControl("pause")}>
          Pause rollout
        </button>
        <button type="button" disabled={pending || !view.allowed.resume} onClick={() => onControl("resume")}>
          Resume rollout
        </button>
        <button type="button" className="danger" disabled={pending || !view.allowed.abort} onClick={() => onControl("abort")}>
          Abort rollout
        </button>
      </div>
      {view.events.length > 0 ? (
        <ol className="rollout-events" data-testid="rollout-events" aria-label="rollout timeline">
          {view.events.map((e) => (
            <EventItem key={`${e.at}:${e.kind}:${e.step}`} e={e} />
          ))}
        </ol>
      ) : null}
    </>
  );
}

function EventItem({ e }: { e: EventRow }) {
  return (
    <li className={e.outcome ? `outcome-${e.outcome}` : ""} data-kind={e.kind}>
      <span className="muted">{new Date(e.at).toLocaleTimeString()}</span> <strong>{e.kind}</strong>
      {e.outcome ? <span className={`tag gate-${e.outcome}`}>{e.outcome}</span> : null} step {e.step + 1} · {e.weight}% · {e.message}
      {e.gates.length > 0 ? (
        <table className="gates">
          <thead>
            <tr>
              <th>Gate</th>
              <th className="num">Canary</th>
              <th className="num">Stable</th>
              <th>Check</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {e.gates.map((g) => (
              <tr key={g.name} data-gate={g.name} className={g.pass ? "gate-pass" : "gate-fail"}>
                <td>{g.label}</td>
                <td className="num">{g.canary}</td>
                <td className="num">{g.stable}</td>
                <td>{g.comparison}</td>
                <td>{g.pass ? "✓ pass" : "✗ fail"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

function StartForm({ detail }: { detail: ServiceDetail }) {
  const client = useQueryClient();
  const [steps, setSteps] = useState(DEFAULT_STEPS.join(", "));
  const [seconds, setSeconds] = useState(String(DEFAULT_STEP_SECONDS));
  const [gates, setGates] = useState<Record<GateKey, string>>(Object.fromEntries(GATE_FIELDS.map(([k]) => [k, String(DEFAULT_GATES[k])])) as Record<GateKey, string>);
  const [invalid, setInvalid] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (input: { steps: number[]; stepSeconds: number; gates: Record<string, number> }) => startRollout(detail.service, input),
    onSettled: () => client.invalidateQueries({ queryKey: ["service", detail.service] }),
  });
  const dep = detail.deployment;
  const ready = dep !== null && dep.status === "running" && dep.canaries.desired > 0 && !dep.promoted && dep.newVersion !== null;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parseSteps(steps);
    const nums = Object.fromEntries(GATE_FIELDS.map(([k]) => [k, Number(gates[k])]));
    const bad = GATE_FIELDS.find(([k]) => gates[k].trim() === "" || !Number.isFinite(nums[k]));
    const problem = parsed === null ? "steps: whole numbers separated by commas, e.g. 10, 25, 50, 100" : bad ? `${bad[1]}: must be a number` : !/^\d+$/.test(seconds) ? "seconds per step: must be a whole number" : null;
    setInvalid(problem);
    if (!problem && parsed) start.mutate({ steps: parsed, stepSeconds: Number(seconds), gates: nums });
  };
  return (
    <form className="deploy-form" aria-label="start a rollout" onSubmit={submit} noValidate>
      <h3>{ready ? `Roll out ${dep?.newVersion} against ${dep?.stableVersion}` : "Start a rollout"}</h3>
      {!ready ? <p className="muted small">Deploy a version first: a rollout steps the traffic of a running deployment's canaries.</p> : null}
      <div className="row">
        <label htmlFor="rollout-steps">Steps (%)</label>
        <input id="rollout-steps" value={steps} onChange={(e) => setSteps(e.target.value)} />
        <label htmlFor="rollout-seconds">Seconds per step</label>
        <input id="rollout-seconds" type="number" min={1} value={seconds} onChange={(e) => setSeconds(e.target.value)} />
      </div>
      <div className="row">
        {GATE_FIELDS.map(([k, label]) => (
          <span key={k}>
            <label htmlFor={`gate-${k}`}>{label}</label>{" "}
            <input id={`gate-${k}`} type="number" step="any" value={gates[k]} onChange={(e) => setGates((g) => ({ ...g, [k]: e.target.value }))} style={{ width: "6rem" }} />
          </span>
        ))}
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={start.isPending}>
          Start rollout
        </button>
      </div>
      {invalid || start.error ? (
        <p role="alert" className="error">
          Not started: {invalid ?? start.error?.message}
        </p>
      ) : null}
    </form>
  );
}
