/**
 * @module consul/health: the health rules, as pure functions over store records.
 * Aggregate status follows the Go client's `HealthChecks.AggregatedStatus()`: maintenance beats
 * critical beats warning beats passing; no checks is passing.
 * https://github.com/hashicorp/consul/blob/main/api/health.go
 */
import type { CheckRecord, CheckStatus, ServiceRecord, State } from "../store/types.js";

export function aggregateStatus(checks: readonly { id: string; status: CheckStatus }[]): CheckStatus | "maintenance" {
  let result: CheckStatus = "passing";
  for (const check of checks) {
    if (check.id === "_node_maintenance" || check.id.startsWith("_service_maintenance:")) return "maintenance";
    if (check.status === "critical") result = "critical";
    else if (check.status === "warning" && result === "passing") result = "warning";
  }
  return result;
}

export function checksOfService(state: State, serviceId: string): CheckRecord[] {
  const out: CheckRecord[] = [];
  for (const check of state.checks.values()) if (check.serviceId === serviceId) out.push(check);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Instances of `name` carrying every tag in `tags`, in ID order (a stable answer for watchers). */
export function instancesOf(state: State, name: string, tags: readonly string[]): ServiceRecord[] {
  const out: ServiceRecord[] = [];
  for (const s of state.services.values()) {
    if (s.name === name && tags.every((t) => s.tags.includes(t))) out.push(s);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The index a query about service `name` reports: its last change, else the catalog's. */
export function serviceIndex(state: State, name: string): number {
  return state.serviceNameIndex.get(name) ?? state.servicesTableIndex;
}
