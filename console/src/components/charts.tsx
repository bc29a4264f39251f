"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Marker, MarkerTone } from "../lib/view/markers";
import type { Chart } from "../lib/view/series";

const PALETTE = ["#2563eb", "#f97316", "#16a34a", "#a855f7", "#dc2626", "#0891b2", "#ca8a04", "#db2777", "#4b5563"];
const DASH: Record<string, string | undefined> = { p50: "2 3", p95: "6 3", p99: undefined };

export const TONE: Record<MarkerTone, string> = { info: "#64748b", good: "#16a34a", bad: "#dc2626" };

export const time = (t: number) => new Date(t * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * One line per key; latency keys ("v2 p95") share the version's colour with a dash per quantile.
 * The x axis is numeric over the whole window, so markers (routing, deployments, rollout steps)
 * land at their time even where no sample is.
 */
export function TimeChart({
  title,
  chart,
  unit,
  domain,
  testId,
  range,
  markers = [],
}: { title: string; chart: Chart; unit: string; domain?: [number, number]; testId: string; range?: { start: number; end: number }; markers?: readonly Marker[] }) {
  const versions = [...new Set(chart.keys.map((k) => k.split(" ")[0] ?? k))];
  const colour = (key: string) => PALETTE[versions.indexOf(key.split(" ")[0] ?? key) % PALETTE.length];
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {chart.rows.length === 0 ? (
        <p className="muted empty">No samples in this window yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={chart.rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="t" type="number" domain={range ? [range.start, range.end] : ["dataMin", "dataMax"]} tickFormatter={time} minTickGap={40} fontSize={11} />
            <YAxis fontSize={11} width={52} domain={domain ?? ["auto", "auto"]} unit={unit} />
            <Tooltip labelFormatter={(t) => time(Number(t))} formatter={(v) => (typeof v === "number" ? `${v.toFixed(3)}${unit}` : String(v))} />
            <Legend iconType="plainline" />
            {markers.map((m) => (
              <ReferenceLine
                key={`${m.source}:${m.t}:${m.short}`}
                x={m.t}
                stroke={TONE[m.tone]}
                strokeDasharray="4 3"
                ifOverflow="hidden"
                className={`marker marker-${m.source} marker-${m.tone}`}
                label={{ value: m.short, position: "insideTopLeft", fontSize: 10, fill: TONE[m.tone] }}
              />
            ))}
            {chart.keys.map((k) => (
              <Line key={k} type="monotone" dataKey={k} stroke={colour(k)} strokeDasharray={DASH[k.split(" ")[1] ?? ""]} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
