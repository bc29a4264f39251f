/**
 * @module mesh: what the API routes answer, assembled from the backends. Decisions live in
 * `lib/view/*` (pure, tested on fixtures); this module only fetches and hands over.
 */
import { edgesQuery, serviceVersionsQuery } from "@forex-mesh/observability";
import { historyKey, parseRouteTable, parseRoutingHistory, type RouteTable, routeKey } from "@forex-mesh/routing";
import { type Graph, toGraph } from "../view/graph";
import { type InstanceRow, toInstances } from "../view/instances";
import { appliedAtFor, type Convergence, convergence, planWeight, revisionFor, type SidecarReport, targetVersion } from "../view/routing";
import { type Chart, type ChartWindow, mergeCharts, rangeFor, toSeries } from "../view/series";
import { appEnv } from "../view/deploy";
import { type DeploymentView, toDeploymentView } from "../view/deployment";
import type { ActiveFault } from "../view/faults";
import type { Marker } from "../view/markers";
import type { Backends } from "./backends";
import { ConsoleError, ConsoleErrorCode } from "./errors";
import { serviceFaults } from "./faults";
import { serviceMarkers } from "./markers";
import { recordRouting } from "./routing-history";

export interface Topology extends Graph {
  warnings: string[];
  /** Faults in force, drawn as badges on their service/version. */
  faults: ActiveFault[];
  at: number;
}

export async function topology(b: Backends, now: number): Promise<Topology> {
  const names = await b.services();
  const services = await Promise.all(
    names.map(async (service) => ({
      service,
      instances: (await b.health(service)).map((e) => ({
        version: e.Service.Meta?.version ?? "unknown",
        passing: e.Checks.length > 0 && e.Checks.every((c) => c.Status === "passing"),
      })),
    })),
  );
  const warnings: string[] = [];
  // Nodes come from Consul alone, so the page still shows health when Prometheus is away.
  const samples = await Promise.all([edgesQuery("rate", "30s"), edgesQuery("success_ratio", "30s"), edgesQuery("p99", "30s")].map((q) => b.query(q))).catch((error: unknown) => {
    warnings.push(`no traffic figures: ${error instanceof Error ? error.message : String(error)}`);
    return [[], [], []];
  });
  const [rate = [], successRatio = [], p99 = []] = samples;
  const faults = (await Promise.all(names.map((s) => serviceFaults(b, s, now).catch(() => [])))).flat();
  return { ...toGraph(services, { rate, successRatio, p99 }), warnings, faults, at: now };
}

export interface RoutingState {
  table: RouteTable | null;
  /** KV ModifyIndex of the table, 0 when there is no key (the sidecars' default). */
  revision: number;
  tableError: string | null;
  target: string | null;
  versions: string[];
  convergence: Convergence;
}
export interface ServiceDetail {
  service: string;
  instances: InstanceRow[];
  routing: RoutingState;
  deployment: DeploymentView | null;
  faults: ActiveFault[];
  /** The job's current label (`Meta.version`) and its app task's Env: what a new deploy starts from. */
  job: { label: string | null; env: Record<string, string> } | null;
  at: number;
}

export async function serviceDetail(b: Backends, service: string, now: number): Promise<ServiceDetail> {
  const names = await b.services();
  if (!names.includes(service)) throw new ConsoleError(ConsoleErrorCode.NotFound, `no service "${service}" in Consul`);
  // The Nomad job is named after the service (our jobs are); a service run otherwise just has no panel.
  const [entries, allocs, kv, dep, job, faults] = await Promise.all([
    b.health(service),
    b.allocations(service).catch(() => []),
    b.kvGet(routeKey(service)),
    b.latestDeployment(service).catch(() => null),
    b.jobInfo(service).catch(() => null),
    serviceFaults(b, service, now),
  ]);
  const instances = toInstances(entries, allocs, now);
  const parsed = kv ? parseRouteTable(kv.value) : null;
  const table = parsed?.ok ? parsed.value : null;
  const revision = kv?.modifyIndex ?? 0;
  const [reports, writtenAt] = await Promise.all([sidecarReports(b, names, service), writeTime(b, service, revision)]);
  const versions = [...new Set(instances.map((i) => i.version))].sort((a, c) => a.localeCompare(c, undefined, { numeric: true }));
  return {
    service,
    instances,
    routing: {
      table,
      revision,
      tableError: parsed && !parsed.ok ? parsed.error.message : null,
      target: targetVersion(versions, table),
      versions,
      convergence: convergence(reports, revision, writtenAt),
    },
    deployment: toDeploymentView(dep, instances),
    faults,
    job: job ? { label: job.Meta?.version ?? null, env: appEnv(job) } : null,
    at: now,
  };
}

/** When the table at `revision` was written, from the routing history its writer recorded (null if none did). */
async function writeTime(b: Backends, service: string, revision: number): Promise<number | null> {
  if (revision === 0) return null;
  const kv = await b.kvGet(historyKey(service)).catch(() => null);
  const parsed = kv ? parseRoutingHistory(kv.value) : null;
  const entry = parsed?.ok ? parsed.value.entries.findLast((e) => e.revision === revision) : undefined;
  return entry ? Date.parse(entry.at) : null;
}

/** Asks every sidecar (admin `/routes`) which revision it applied for `dst`; those not calling `dst` are left out. */
async function sidecarReports(b: Backends, services: readonly string[], dst: string): Promise<SidecarReport[]> {
  const all = await Promise.all(services.map(async (service) => (await b.health(service)).map((e) => ({ service, e }))));
  const reports = await Promise.all(
    all.flat().map(async ({ service, e }) => {
      const port = e.Service.Meta?.metrics_port;
      if (!port) return undefined;
      const routes = await b.sidecarRoutes(e.Service.Address || e.Node?.Address || "127.0.0.1", port);
      const revision = revisionFor(routes, dst);
      if (revision === undefined) return undefined;
      return { service, instance: (e.Service.Meta?.alloc_id ?? e.Service.ID).slice(0, 8), revision, appliedAt: appliedAtFor(routes, dst) };
    }),
  );
  return reports.filter((r): r is SidecarReport => r !== undefined);
}

export async function serviceMetrics(
  b: Backends,
  service: string,
  window: ChartWindow,
  now: number,
): Promise<{ rate: Chart; successRatio: Chart; latency: Chart; window: ChartWindow; range: { start: number; end: number }; markers: Marker[] }> {
  const { start, end, step } = rangeFor(window, now);
  const range = (stat: "rate" | "success_ratio" | "p50" | "p95" | "p99") => b.queryRange(serviceVersionsQuery(service, stat, "30s"), start, end, step);
  const [rate, success, p50, p95, p99, markers] = await Promise.all([range("rate"), range("success_ratio"), range("p50"), range("p95"), range("p99"), serviceMarkers(b, service, { start, end })]);
  const version = (m: Record<string, string>) => m.version ?? "?";
  const latency = mergeCharts([
    toSeries(p50, (m) => `${version(m)} p50`, 1000),
    toSeries(p95, (m) => `${version(m)} p95`, 1000),
    toSeries(p99, (m) => `${version(m)} p99`, 1000),
  ]);
  return { rate: toSeries(rate, version), successRatio: toSeries(success, version), latency, window, range: { start, end }, markers };
}

/**
 * Writes the split for `version` at `weight`, with check-and-set on the revision the operator saw,
 * so two consoles cannot silently overwrite each other; then records it in the routing history.
 */
export async function setWeight(b: Backends, service: string, version: string, weight: number, reason = `${version} → ${weight}%`, now = Date.now()): Promise<{ table: RouteTable; revision: number }> {
  const [entries, kv] = await Promise.all([b.health(service), b.kvGet(routeKey(service))]);
  if (entries.length === 0) throw new ConsoleError(ConsoleErrorCode.NotFound, `no service "${service}" in Consul`);
  const parsed = kv ? parseRouteTable(kv.value) : null;
  const stable = entries.filter((e) => !(e.Service.Tags ?? []).includes("canary")).map((e) => e.Service.Meta?.version ?? "unknown");
  const plan = planWeight(parsed?.ok ? parsed.value : null, stable, version, weight);
  if (!plan.ok) throw new ConsoleError(ConsoleErrorCode.InvalidRouteTable, plan.message, plan.issues);
  const text = JSON.stringify(plan.table);
  const written = await b.kvPut(routeKey(service), text, kv?.modifyIndex ?? 0);
  if (!written) throw new ConsoleError(ConsoleErrorCode.Conflict, "the routing table changed while you were editing it; look again and retry");
  // The PUT answers only true/false: read the revision back, and only while the key still holds our
  // table (another writer may have come in between; its revision must not be recorded as ours).
  const after = await b.kvGet(routeKey(service));
  const revision = after?.value === text ? after.modifyIndex : 0;
  await recordRouting(b, service, { split: plan.table.split, reason, ...(revision > 0 ? { revision } : {}) }, now);
  return { table: plan.table, revision };
}

/**
 * Promote: 100% to the canaries' version, then promote (Nomad replaces the old instances). Roll back:
 * 100% to the stable version, then fail the deployment (auto-revert restores the previous job).
 */
export async function deploymentAction(b: Backends, service: string, action: "promote" | "rollback", now: number): Promise<{ deployment: string; table: RouteTable }> {
  const detail = await serviceDetail(b, service, now);
  const dep = detail.deployment;
  if (!dep) throw new ConsoleError(ConsoleErrorCode.Conflict, `${service} has no deployment`);
  if (action === "promote" && !dep.canPromote) throw new ConsoleError(ConsoleErrorCode.Conflict, `deployment ${dep.id.slice(0, 8)} cannot be promoted now (status ${dep.status}, ${dep.canaries.placed}/${dep.canaries.desired} canaries, promoted: ${dep.promoted})`);
  if (action === "rollback" && !dep.canRollBack) throw new ConsoleError(ConsoleErrorCode.Conflict, `deployment ${dep.id.slice(0, 8)} cannot be rolled back now (status ${dep.status})`);
  const version = action === "promote" ? dep.newVersion : dep.stableVersion;
  const reason = action === "promote" ? `promote ${version}: 100% before Nomad replaces the old instances` : `roll back to ${version}: 100% before failing the deployment`;
  const { table } = await setWeight(b, service, version ?? "", 100, reason, now);
  await b.deploymentAction(dep.id, action === "promote" ? "promote" : "fail");
  return { deployment: dep.id, table };
}
