/** @module server/markers: gathers the chart markers' inputs (routing history, Nomad deployments, rollout status); each is optional. */
import { parseRolloutStatus, rolloutStatusKey } from "@forex-mesh/rollout/schema";
import { type Marker, toMarkers } from "../view/markers";
import type { Backends } from "./backends";
import { readRoutingHistory } from "./routing-history";

/** A missing source (no job of that name, no history yet, Nomad away) leaves its markers out rather than failing the charts. */
export async function serviceMarkers(b: Backends, service: string, range: { start: number; end: number }): Promise<Marker[]> {
  const [history, deployments, versions, status] = await Promise.all([
    readRoutingHistory(b, service).catch(() => null),
    b.jobDeployments(service).catch(() => []),
    b.jobVersions(service, false).catch(() => null),
    b.kvGet(rolloutStatusKey(service)).catch(() => null),
  ]);
  const labels = new Map<number, string>();
  for (const v of versions?.Versions ?? []) if (typeof v.Version === "number" && v.Meta?.version) labels.set(v.Version, v.Meta.version);
  const parsed = status ? parseRolloutStatus(status.value) : null;
  return toMarkers({ history, deployments, rollout: parsed?.ok ? parsed.value : null, labels }, range);
}
