"use client";
import { DEFAULT_OVERRIDE_COOKIE } from "@forex-mesh/routing";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type serviceQuery, setOverride, setWeight } from "../lib/api/services";
import type { ServiceDetail } from "../lib/server/mesh";
import { currentSplit, planWeight, WEIGHT_STEPS } from "../lib/view/routing";
import { WeightSlider } from "./weight-slider";

export function RoutingPanel({ detail, query, steeredBy }: { detail: ServiceDetail; query: ReturnType<typeof serviceQuery>; steeredBy: string | null }) {
  const { routing, service } = detail;
  const client = useQueryClient();
  const [version, setVersion] = useState<string | null>(null);
  const target = version ?? routing.target;
  const stable = detail.instances.filter((i) => !i.canary).map((i) => i.version);
  const mutation = useMutation({
    mutationFn: ({ weight, via }: { weight: number; via: "button" | "slider" }) => setWeight(service, { version: target ?? "", weight, via }),
    // Optimistic: show the new split at once, put the old one back if the write is refused.
    onMutate: async ({ weight }) => {
      await client.cancelQueries({ queryKey: query.queryKey });
      const previous = client.getQueryData(query.queryKey);
      const plan = planWeight(routing.table, stable, target ?? "", weight);
      if (previous && plan.ok) client.setQueryData(query.queryKey, { ...previous, routing: { ...previous.routing, table: plan.table } });
      return { previous };
    },
    onError: (_e, _w, ctx) => {
      if (ctx?.previous) client.setQueryData(query.queryKey, ctx.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: query.queryKey }),
  });
  const tryIt = useMutation({ mutationFn: () => setOverride(service, target ?? "") });
  const split = routing.table?.split ?? null;
  // What the sidecars do now: without a table that is an even split over the stable versions, so
  // the only stable version shows 100%, not 0%.
  const inForce = currentSplit(routing.table, stable);
  const weightOf = (v: string) => inForce.find((e) => e.version === v)?.weight;
  const cookie = routing.table?.override?.cookie ?? DEFAULT_OVERRIDE_COOKIE;
  const { applied, total } = routing.convergence;
  const converged = total > 0 && applied === total;
  return (
    <section className="card" aria-labelledby="routing-h">
      <h2 id="routing-h">Routing</h2>
      <div className="split" data-testid="split">
        {split ? (
          split.map((e) => (
            <div key={e.version} className="split-part" style={{ flexGrow: Math.max(e.weight, 4) }} data-testid={`weight-${e.version}`}>
              {e.version} {e.weight}%
            </div>
          ))
        ) : (
          <div className="split-part default" style={{ flexGrow: 1 }}>
            no table: even over stable instances
          </div>
        )}
      </div>
      <p data-testid="convergence" className={converged ? "ok" : "pending"}>
        {converged ? "✓" : "…"} revision {routing.revision} applied on {applied}/{total} sidecars
        {converged && routing.convergence.spreadMs !== null ? `, ${routing.convergence.spreadMs} ms after the write` : ""}
        {routing.convergence.lagging.length > 0 ? <span className="muted"> (waiting for {routing.convergence.lagging.join(", ")})</span> : null}
      </p>
      {routing.tableError ? <p className="error">The table in Consul is invalid, the sidecars keep their last good one: {routing.tableError}</p> : null}
      <div className="row">
        <label htmlFor="target">Version</label>
        <select id="target" value={target ?? ""} onChange={(e) => setVersion(e.target.value)}>
          {[...new Set([...routing.versions, ...(split ?? []).map((e) => e.version)])].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <fieldset className="steps" aria-label={`traffic to ${target}`}>
          {WEIGHT_STEPS.map((w) => (
            <button key={w} type="button" disabled={!target || mutation.isPending || steeredBy !== null} aria-pressed={target ? weightOf(target) === w : false} onClick={() => mutation.mutate({ weight: w, via: "button" })}>
              {w}%
            </button>
          ))}
        </fieldset>
      </div>
      {target ? (
        <WeightSlider
          key={`${target}:${weightOf(target) ?? 0}`}
          version={target}
          table={routing.table}
          stable={stable}
          current={weightOf(target) ?? 0}
          disabled={mutation.isPending || steeredBy !== null}
          onCommit={(weight) => mutation.mutate({ weight, via: "slider" })}
        />
      ) : null}
      {steeredBy ? (
        <p className="muted" data-testid="steered">
          Rollout <code>{steeredBy}</code> is steering this service's weights; abort it to change them by hand.
        </p>
      ) : null}
      {mutation.error ? (
        <p role="alert" className="error">
          Not applied: {mutation.error.message}
        </p>
      ) : null}
      <div className="row try">
        <span className="muted">
          Try {target} yourself: requests carrying the cookie <code>{cookie}={target}</code> (or header <code>x-forex-version</code>) go to that version.
        </span>
        <button
          type="button"
          disabled={!target || tryIt.isPending}
          onClick={() => tryIt.mutate()}
        >
          Use {target} in my browser
        </button>
        {tryIt.data ? <span className="ok" role="status">✓ this browser now asks for {tryIt.data.version}</span> : null}
        {tryIt.error ? <span className="error">{tryIt.error.message}</span> : null}
      </div>
    </section>
  );
}
