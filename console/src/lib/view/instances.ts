/** @module instances: Consul health entries + Nomad allocations → the service page's instance rows. */
export interface HealthEntry {
  Node?: { Address?: string };
  Service: { ID: string; Address?: string; Port: number; Tags?: string[] | null; Meta?: Record<string, string> | null };
  Checks: Array<{ Status: string }>;
}
export interface AllocStub {
  ID?: string;
  CreateTime?: number;
  ClientStatus?: string;
}
export interface InstanceRow {
  alloc: string;
  version: string;
  canary: boolean;
  address: string;
  adminPort: string | null;
  passing: boolean;
  checks: string;
  /** Seconds since the allocation was created; null if Nomad does not know it. */
  ageSeconds: number | null;
}

/** `CreateTime` is Unix nanoseconds (Nomad's convention). */
export function toInstances(entries: readonly HealthEntry[], allocs: readonly AllocStub[], nowMs: number): InstanceRow[] {
  const created = new Map(allocs.map((a) => [a.ID ?? "", a.CreateTime]));
  return entries
    .map((e) => {
      const meta = e.Service.Meta ?? {};
      const alloc = meta.alloc_id ?? e.Service.ID;
      const passingChecks = e.Checks.filter((c) => c.Status === "passing").length;
      const ns = created.get(alloc);
      return {
        alloc,
        version: meta.version ?? "unknown",
        canary: (e.Service.Tags ?? []).includes("canary"),
        address: `${e.Service.Address || e.Node?.Address || "?"}:${e.Service.Port}`,
        adminPort: meta.metrics_port ?? null,
        passing: e.Checks.length > 0 && passingChecks === e.Checks.length,
        checks: `${passingChecks}/${e.Checks.length}`,
        ageSeconds: ns === undefined ? null : Math.max(0, Math.round((nowMs - ns / 1e6) / 1000)),
      };
    })
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }) || a.alloc.localeCompare(b.alloc));
}

export function formatAge(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3_600)}h ${Math.floor((seconds % 3_600) / 60)}m`;
}
