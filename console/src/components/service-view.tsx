"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { usePublicConfig } from "../app/providers";
import { metricsQuery, rolloutQuery, serviceQuery } from "../lib/api/services";
import { formatAge } from "../lib/view/instances";
import { type ChartWindow, WINDOWS } from "../lib/view/series";
import type { Marker } from "../lib/view/markers";
import { TimeChart, TONE, time } from "./charts";
import { DeploymentPanel } from "./deployment-panel";
import { FaultPanel } from "./fault-panel";
import { RolloutPanel } from "./rollout-panel";
import { RoutingPanel } from "./routing-panel";

export function ServiceView({ name }: { name: string }) {
  const { pollMs } = usePublicConfig();
  const [range, setRange] = useState<ChartWindow>("15m");
  const query = serviceQuery(name, pollMs);
  const { data, error } = useQuery(query);
  const metrics = useQuery(metricsQuery(name, range, pollMs));
  // The same query the rollout panel polls (shared by key): while a rollout runs, it steers.
  const rollout = useQuery(rolloutQuery(name, pollMs));
  const view = rollout.data?.view;
  const steeredBy = view && !view.terminal ? view.id : null;
  if (!data) return <p className="card muted">{error ? `Could not load ${name}: ${error.message}` : "Loading…"}</p>;
  return (
    <div className="grid">
      <RoutingPanel detail={data} query={query} steeredBy={steeredBy} />
      <section className="card" aria-labelledby="inst-h">
        <h2 id="inst-h">Instances</h2>
        <table data-testid="instances">
          <thead>
            <tr>
              <th>Allocation</th>
              <th>Version</th>
              <th>Address</th>
              <th>Health</th>
              <th className="num">Age</th>
              <th>Logs</th>
            </tr>
          </thead>
          <tbody>
            {data.instances.map((i) => (
              <tr key={i.alloc}>
                <td>
                  <code>{i.alloc.slice(0, 8)}</code>
                </td>
                <td>
                  {i.version} {i.canary ? <span className="tag canary">canary</span> : null}
                </td>
                <td>
                  <code>{i.address}</code>
                </td>
                <td className={i.passing ? "healthy" : "down"}>
                  {i.passing ? "passing" : "failing"} ({i.checks})
                </td>
                <td className="num">{formatAge(i.ageSeconds)}</td>
                <td>
                  <Link href={`/logs?${new URLSearchParams({ alloc: i.alloc, task: "app", type: "stdout" })}`}>logs</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <DeploymentPanel detail={data} query={query} steeredBy={steeredBy} />
      <RolloutPanel detail={data} />
      <FaultPanel detail={data} query={query} />
      <p className="wide">
        <Link href={`/history?job=${encodeURIComponent(name)}`}>History of {name}</Link>
      </p>
      <section className="card wide" aria-labelledby="metrics-h">
        <div className="row">
          <h2 id="metrics-h">Traffic by version</h2>
          <fieldset className="steps" aria-label="window">
            {(Object.keys(WINDOWS) as ChartWindow[]).map((w) => (
              <button key={w} type="button" aria-pressed={w === range} onClick={() => setRange(w)}>
                {w}
              </button>
            ))}
          </fieldset>
          {metrics.error ? <span className="error">{metrics.error.message}</span> : null}
        </div>
        {metrics.data ? (
          <>
          <div className="charts">
            <TimeChart title="Requests per second" chart={metrics.data.rate} unit="" testId="chart-rate" range={metrics.data.range} markers={metrics.data.markers} />
            <TimeChart title="Success ratio" chart={metrics.data.successRatio} unit="" domain={[0, 1]} testId="chart-success" range={metrics.data.range} markers={metrics.data.markers} />
            <TimeChart title="Latency p50 / p95 / p99 (ms)" chart={metrics.data.latency} unit="" testId="chart-latency" range={metrics.data.range} markers={metrics.data.markers} />
          </div>
          <MarkerList markers={metrics.data.markers} />
          </>
        ) : (
          <p className="muted">Loading charts…</p>
        )}
      </section>
    </div>
  );
}

/** The markers as text, newest first: what each dashed line on the charts stands for. */
function MarkerList({ markers }: { markers: readonly Marker[] }) {
  if (markers.length === 0) return <p className="muted small">No routing changes, deployments or rollout steps in this window.</p>;
  return (
    <details className="markers" open>
      <summary>Markers ({markers.length})</summary>
      <ol data-testid="markers">
        {[...markers].reverse().map((m) => (
          <li key={`${m.source}:${m.t}:${m.short}`} data-source={m.source} style={{ borderLeftColor: TONE[m.tone] }}>
            <span className="muted">{time(m.t)}</span> {m.label}
          </li>
        ))}
      </ol>
    </details>
  );
}
