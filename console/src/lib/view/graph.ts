/**
 * @module graph: the topology view model. Nodes are (service, version) pairs with Consul health;
 * edges come from the callers' sidecars (outbound, per destination version) in Prometheus.
 */
export type Health = "healthy" | "degraded" | "down" | "idle";

export interface ServiceHealthInput {
  service: string;
  instances: Array<{ version: string; passing: boolean }>;
}
/** Prometheus instant-vector samples of the `edge_version` golden records. */
export interface EdgeSamples {
  rate: Sample[];
  successRatio: Sample[];
  p99: Sample[];
}
export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface GraphNode {
  id: string;
  service: string;
  version: string;
  passing: number;
  total: number;
  health: Health;
  /** Column from the left: callers before callees. */
  layer: number;
}
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  toVersion: string;
  rps: number;
  successRatio: number | null;
  p99Ms: number | null;
  health: Health;
}
export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Below this a success ratio is degraded, below LOW it is down (colours only; alerts live in Prometheus). */
export const SUCCESS_OK = 0.99;
export const SUCCESS_LOW = 0.9;

export function nodeHealth(passing: number, total: number): Health {
  if (total === 0 || passing === 0) return "down";
  return passing < total ? "degraded" : "healthy";
}

export function edgeHealth(rps: number, successRatio: number | null): Health {
  if (rps === 0 || successRatio === null) return "idle";
  if (successRatio >= SUCCESS_OK) return "healthy";
  return successRatio >= SUCCESS_LOW ? "degraded" : "down";
}

const num = (s: Sample | undefined): number | null => {
  if (!s) return null;
  const v = Number(s.value[1]);
  return Number.isFinite(v) ? v : null;
};

export function toGraph(services: readonly ServiceHealthInput[], samples: EdgeSamples): Graph {
  const key = (m: Record<string, string>) => `${m.service}>${m.dst_service}@${m.dst_version}`;
  const index = (list: Sample[]) => new Map(list.map((s) => [key(s.metric), s]));
  const success = index(samples.successRatio);
  const p99 = index(samples.p99);
  const edges: GraphEdge[] = samples.rate
    .filter((s) => s.metric.service && s.metric.dst_service && s.metric.dst_version)
    .map((s) => {
      const id = key(s.metric);
      const rps = num(s) ?? 0;
      const successRatio = num(success.get(id));
      const p99s = num(p99.get(id));
      return {
        id,
        from: s.metric.service!,
        to: s.metric.dst_service!,
        toVersion: s.metric.dst_version!,
        rps,
        successRatio,
        p99Ms: p99s === null ? null : p99s * 1000,
        health: edgeHealth(rps, successRatio),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));

  const layers = layerOf(
    services.map((s) => s.service),
    edges,
  );
  const nodes: GraphNode[] = services.flatMap((s) => {
    const byVersion = new Map<string, { passing: number; total: number }>();
    for (const i of s.instances) {
      const v = byVersion.get(i.version) ?? { passing: 0, total: 0 };
      v.total += 1;
      if (i.passing) v.passing += 1;
      byVersion.set(i.version, v);
    }
    return [...byVersion.entries()]
      .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
      .map(([version, c]) => ({ id: `${s.service}@${version}`, service: s.service, version, ...c, health: nodeHealth(c.passing, c.total), layer: layers.get(s.service) ?? 0 }));
  });
  return { nodes, edges };
}

/** Longest path from a service nobody calls, so the edge sits left and forex-rate right; cycles stop at the service count. */
export function layerOf(services: readonly string[], edges: ReadonlyArray<{ from: string; to: string }>): Map<string, number> {
  const layer = new Map(services.map((s) => [s, 0]));
  for (const e of edges) if (!layer.has(e.from)) layer.set(e.from, 0);
  for (let round = 0; round < layer.size; round++) {
    let changed = false;
    for (const e of edges) {
      const next = (layer.get(e.from) ?? 0) + 1;
      if (next > (layer.get(e.to) ?? 0) && next < layer.size + 1) {
        layer.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}
