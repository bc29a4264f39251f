/** @module layout: where the topology's boxes go (columns by layer, one box per service, one row per version). */
import type { Graph, GraphNode } from "./graph";

export const COL_W = 200;
export const GAP_X = 180;
export const ROW_H = 52;
export const HEAD_H = 34;
export const GAP_Y = 28;
export const PAD = 16;
/** Room above the boxes for stacked edge labels. */
export const TOP = 40;

export interface ServiceBox {
  service: string;
  x: number;
  y: number;
  w: number;
  h: number;
  versions: Array<GraphNode & { y: number }>;
}

/** Extra room under the boxes for edges that skip a column (forex-web → forex-rate), routed below. */
export const DETOUR_H = 56;

export function layout(graph: Graph): { boxes: ServiceBox[]; width: number; height: number; detourY: number } {
  const byService = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) byService.set(n.service, [...(byService.get(n.service) ?? []), n]);
  const columns = new Map<number, string[]>();
  for (const [service, nodes] of byService) {
    const layer = nodes[0]?.layer ?? 0;
    columns.set(layer, [...(columns.get(layer) ?? []), service].sort());
  }
  const boxes: ServiceBox[] = [];
  let height = 0;
  for (const [layer, services] of [...columns.entries()].sort(([a], [b]) => a - b)) {
    let y = TOP;
    for (const service of services) {
      const nodes = byService.get(service) ?? [];
      const h = HEAD_H + nodes.length * ROW_H + 8;
      boxes.push({ service, x: PAD + layer * (COL_W + GAP_X), y, w: COL_W, h, versions: nodes.map((n, i) => ({ ...n, y: y + HEAD_H + i * ROW_H })) });
      y += h + GAP_Y;
    }
    height = Math.max(height, y);
  }
  const width = PAD * 2 + (Math.max(0, ...columns.keys()) + 1) * COL_W + Math.max(0, ...columns.keys()) * GAP_X;
  const layerOf = new Map([...byService].map(([service, nodes]) => [service, nodes[0]?.layer ?? 0]));
  const skips = graph.edges.some((e) => (layerOf.get(e.to) ?? 0) - (layerOf.get(e.from) ?? 0) !== 1);
  const base = Math.max(height, 120);
  return { boxes, width, height: skips ? base + DETOUR_H : base, detourY: base + DETOUR_H / 2 };
}
