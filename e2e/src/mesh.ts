/** @module What the job files in nomad/jobs deploy: the services and the calls between them. */

/** Services whose sidecars answer requests (inbound metrics). */
export const SERVICES = ["forex-web", "forex-converter", "forex-rate"] as const;
/** Every proxy that registers in Consul and is scraped: the three sidecar'd services and the edge. */
export const SCRAPED = [...SERVICES, "forex-edge"] as const;
/** Caller → callee, as the callers' sidecars (and the edge) measure them. */
export const EDGES = [
  { service: "forex-edge", dst_service: "forex-web" },
  { service: "forex-web", dst_service: "forex-converter" },
  { service: "forex-web", dst_service: "forex-rate" },
  { service: "forex-converter", dst_service: "forex-rate" },
] as const;
/** Instances per service in the job files (forex-edge: 1). */
export const INSTANCES: Record<(typeof SCRAPED)[number], number> = { "forex-web": 2, "forex-converter": 2, "forex-rate": 2, "forex-edge": 1 };
/** A page that converts an amount: forex-web asks forex-converter (which asks forex-rate) and forex-rate. */
export const CONVERT_PATH = "/?amount=100&from=USD&to=JPY";

/**
 * Whether a query filtered to one service can have data in this mesh: a query on the caller side of
 * an edge record (`edge…:…{service="X"}`) has none for a service that calls nothing (forex-rate).
 */
export function canHaveData(expr: string): boolean {
  for (const m of expr.matchAll(/\bedge(?:_version)?:[a-zA-Z0-9_:]*\{([^}]*)\}/g)) {
    const caller = /(?:^|,)\s*service="([^"]*)"/.exec(m[1]!)?.[1];
    if (caller !== undefined && !EDGES.some((e) => e.service === caller)) return false;
  }
  return true;
}
