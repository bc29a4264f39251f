"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { usePublicConfig } from "../app/providers";
import { topologyQuery } from "../lib/api/topology";
import { COL_W, GAP_X, layout, ROW_H } from "../lib/view/layout";
import { type ActiveFault, describeFault, describeFaultShort } from "../lib/view/faults";
import { fmtMs, fmtPct, fmtRps } from "./format";

/** A fault in force on a version: drawn across the bottom of its box, with the time it has left. */
function FaultBadge({ fault, x, y, width }: { fault: ActiveFault | undefined; x: number; y: number; width: number }) {
  if (!fault) return null;
  const text = `fault ${describeFaultShort(fault)}`;
  return (
    <g className="fault-badge" data-testid={`fault-${fault.service}@${fault.version}`} aria-label={`fault on ${fault.service} ${fault.version}: ${describeFault(fault)}`}>
      <title>{`fault injected on ${fault.service} ${fault.version} until ${fault.expiresAt}`}</title>
      <rect x={x} y={y} width={width} height={12} rx="4" />
      <text x={x + width / 2} y={y + 9} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

export function TopologyView() {
  const { pollMs } = usePublicConfig();
  const { data, error, isFetching } = useQuery(topologyQuery(pollMs));
  const router = useRouter();
  if (!data) return <p className="card muted">{error ? `Could not load the topology: ${error.message}` : "Loading the topology…"}</p>;
  const { boxes, width, height, detourY } = layout(data);
  const faultOf = new Map((data.faults ?? []).map((f) => [`${f.service}@${f.version}`, f]));
  const boxOf = new Map(boxes.map((b) => [b.service, b]));
  return (
    <>
      <div className="card graph" data-testid="topology">
        <div className="graph-head">
          <span className={`live ${isFetching ? "busy" : ""}`} title="refreshes every few seconds">
            ● live
          </span>
          <span className="muted">updated {new Date(data.at).toLocaleTimeString()}</span>
          {data.warnings.map((w) => (
            <span key={w} className="warning">
              {w}
            </span>
          ))}
        </div>
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label="service topology">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#64748b" />
            </marker>
          </defs>
          {data.edges.map((e) => {
            // Several versions of one callee: stack their labels instead of drawing them on top of each other.
            const group = data.edges.filter((o) => o.from === e.from && o.to === e.to);
            const nth = group.findIndex((o) => o.id === e.id);
            const prefix = group.length > 1 ? `${e.toVersion}: ` : "";
            const from = boxOf.get(e.from);
            const to = boxOf.get(e.to);
            const node = to?.versions.find((v) => v.version === e.toVersion);
            if (!from || !to || !node) return null;
            const x1 = from.x + from.w;
            const y1 = from.y + 17;
            const x2 = to.x;
            const y2 = node.y + ROW_H / 2;
            const mx = (x1 + x2) / 2;
            // Adjacent columns: a curve between them. Farther: under the boxes in between, so no box hides it.
            const adjacent = x2 - x1 <= GAP_X + 1;
            const d = adjacent
              ? `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2 - 2} ${y2}`
              : `M ${x1 - 20} ${from.y + from.h} C ${x1 - 20} ${detourY}, ${x1 + 20} ${detourY}, ${mx} ${detourY} S ${x2 - 40} ${detourY}, ${x2 - 2} ${y2}`;
            return (
              <g key={e.id} className={`edge ${e.health}`}>
                <path d={d} fill="none" markerEnd="url(#arrow)" />
                <text x={mx} y={(adjacent ? Math.min(y1, y2) - 8 : detourY - 6) - (group.length - 1 - nth) * 13} textAnchor="middle" className="edge-label">
                  {prefix}
                  {fmtRps(e.rps)} rps · {fmtPct(e.successRatio)} · p99 {fmtMs(e.p99Ms)}
                </text>
              </g>
            );
          })}
          {boxes.map((b) => (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; keyboard users have the table below.
            <g key={b.service} className="service" role="button" tabIndex={-1} onClick={() => router.push(`/services/${b.service}`)}>
              <rect x={b.x} y={b.y} width={b.w} height={b.h} rx="10" className="service-box" />
              <text x={b.x + 12} y={b.y + 22} className="service-name">
                {b.service}
              </text>
              {b.versions.map((v) => (
                <g key={v.id} data-testid={`node-${v.id}`}>
                  <rect x={b.x + 8} y={v.y} width={COL_W - 16} height={ROW_H - 8} rx="7" className={`version-box ${v.health}`} />
                  <circle cx={b.x + 24} cy={v.y + (ROW_H - 8) / 2} r="5" className={`dot ${v.health}`} />
                  <text x={b.x + 38} y={v.y + 27} className="version-name">
                    {v.version}
                  </text>
                  <text x={b.x + COL_W - 20} y={v.y + 27} textAnchor="end" className="version-health">
                    {v.passing}/{v.total} passing
                  </text>
                  <FaultBadge fault={faultOf.get(v.id)} x={b.x + 14} y={v.y + 30} width={COL_W - 28} />
                </g>
              ))}
            </g>
          ))}
        </svg>
      </div>
      {(data.faults ?? []).length > 0 ? (
        <div className="card" data-testid="active-faults">
          <h2>Faults in force</h2>
          <ul>
            {data.faults.map((f) => (
              <li key={`${f.service}@${f.version}`}>
                <Link href={`/services/${f.service}`}>{f.service}</Link> <span className="tag">{f.version}</span> {describeFault(f)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="card">
        <h2>Edges</h2>
        <table data-testid="edges">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th className="num">Requests/s</th>
              <th className="num">Success</th>
              <th className="num">p99</th>
            </tr>
          </thead>
          <tbody>
            {data.edges.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No traffic in the last 30 s.
                </td>
              </tr>
            ) : (
              data.edges.map((e) => (
                <tr key={e.id} data-testid={`edge-${e.from}-${e.to}-${e.toVersion}`}>
                  <td>
                    <Link href={`/services/${e.from}`}>{e.from}</Link>
                  </td>
                  <td>
                    <Link href={`/services/${e.to}`}>{e.to}</Link> <span className="tag">{e.toVersion}</span>
                  </td>
                  <td className="num" data-testid="rps">
                    {fmtRps(e.rps)}
                  </td>
                  <td className={`num ${e.health}`}>{fmtPct(e.successRatio)}</td>
                  <td className="num">{fmtMs(e.p99Ms)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
