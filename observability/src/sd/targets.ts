/**
 * @module Consul health entries → Prometheus HTTP-SD target groups carrying exactly the labels
 * Prometheus' own `consul_sd_configs` produces (`__meta_consul_*`), so the relabelling in
 * prometheus.yml is the same whichever discovery feeds it. Pure.
 */

export interface HealthEntry {
  Node: { Node: string; Address: string; Meta?: Record<string, string> | null; TaggedAddresses?: Record<string, string> | null };
  Service: { ID: string; Service: string; Address: string; Port: number; Tags?: string[] | null; Meta?: Record<string, string> | null };
  Checks: Array<{ CheckID: string; Status: string }>;
}

export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

const STATUSES = new Set(["passing", "warning", "critical"]);

/** Consul's `AggregatedStatus()`: maintenance > critical > warning > passing; no checks is passing. */
export function aggregatedStatus(checks: HealthEntry["Checks"]): string {
  let critical = false;
  let warning = false;
  for (const check of checks) {
    if (check.CheckID === "_node_maintenance" || check.CheckID.startsWith("_service_maintenance:")) return "maintenance";
    if (!STATUSES.has(check.Status)) return "";
    if (check.Status === "critical") critical = true;
    if (check.Status === "warning") warning = true;
  }
  return critical ? "critical" : warning ? "warning" : "passing";
}

/** Label names Prometheus derives from map keys: anything outside `[a-zA-Z0-9_]` becomes `_`. */
const sanitize = (key: string): string => key.replace(/[^a-zA-Z0-9_]/g, "_");

export function targetGroup(datacenter: string, entry: HealthEntry, tagSeparator = ","): TargetGroup {
  const { Node: node, Service: service } = entry;
  const host = service.Address !== "" ? service.Address : node.Address;
  const tags = service.Tags ?? [];
  const labels: Record<string, string> = {
    __meta_consul_address: node.Address,
    __meta_consul_dc: datacenter,
    __meta_consul_health: aggregatedStatus(entry.Checks),
    __meta_consul_node: node.Node,
    __meta_consul_service: service.Service,
    __meta_consul_service_address: service.Address,
    __meta_consul_service_id: service.ID,
    __meta_consul_service_port: String(service.Port),
    __meta_consul_tags: tags.length > 0 ? `${tagSeparator}${tags.join(tagSeparator)}${tagSeparator}` : "",
  };
  for (const [k, v] of Object.entries(node.Meta ?? {})) labels[`__meta_consul_metadata_${sanitize(k)}`] = v;
  for (const [k, v] of Object.entries(service.Meta ?? {})) labels[`__meta_consul_service_metadata_${sanitize(k)}`] = v;
  for (const [k, v] of Object.entries(node.TaggedAddresses ?? {})) labels[`__meta_consul_tagged_address_${sanitize(k)}`] = v;
  return { targets: [`${host}:${service.Port}`], labels };
}

/** One group per instance (HTTP SD labels are per group), services in name order for stable output. */
export function targetGroups(datacenter: string, byService: ReadonlyMap<string, HealthEntry[]>): TargetGroup[] {
  return [...byService.keys()].sort().flatMap((name) => (byService.get(name) ?? []).map((e) => targetGroup(datacenter, e)));
}
