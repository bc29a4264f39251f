/**
 * @module consul/check-rules: the decisions of the health checker, free of timers and sockets.
 * https://developer.hashicorp.com/consul/docs/services/usage/checks
 */
import type { CheckStatus, State } from "../store/types.js";

/** HTTP check mapping: 2xx passing, 429 warning, anything else critical. */
export function httpStatusToCheck(status: number): CheckStatus {
  if (status >= 200 && status < 300) return "passing";
  if (status === 429) return "warning";
  return "critical";
}

/**
 * Service IDs whose check has been critical for longer than its DeregisterCriticalServiceAfter
 * (raised to `minimumMs`, 1 minute in Consul) at time `now`.
 */
export function servicesToReap(state: State, now: number, minimumMs: number): string[] {
  const out = new Set<string>();
  for (const check of state.checks.values()) {
    const after = check.definition.deregisterCriticalAfterMs;
    if (after === undefined || check.serviceId === "" || check.status !== "critical" || check.criticalSince === 0) continue;
    if (now - check.criticalSince >= Math.max(after, minimumMs)) out.add(check.serviceId);
  }
  return [...out];
}

/**
 * Delay before a check's first run. Consul staggers it across the interval to spread load; we cap
 * the stagger at 500 ms so a freshly started instance is not reported critical for a whole interval.
 */
export function firstRunDelay(intervalMs: number, random: () => number): number {
  return Math.floor(random() * Math.min(intervalMs, 500));
}

/** Output Consul shows for an HTTP check, body cut to OutputMaxSize (4 KiB). */
export function httpOutput(method: string, url: string, status: number, statusText: string, body: string): string {
  return `HTTP ${method} ${url}: ${status} ${statusText} Output: ${body.slice(0, 4096)}`;
}

/** Go's client drops these on a redirect to another domain (net/http, `shouldCopyHeaderOnRedirect`). */
const SENSITIVE_ON_REDIRECT = new Set(["authorization", "www-authenticate", "cookie", "cookie2"]);

/**
 * The headers a check sends on a redirect hop, as Go's client (which Consul's HTTP checks use):
 * all of the check's headers while the target is the first request's host or a subdomain of it;
 * elsewhere the credentials are left out, so a redirect cannot carry a check's token to another site.
 */
export function redirectHeaders(headers: Record<string, string>, first: URL, target: URL): Record<string, string> {
  const from = first.hostname.toLowerCase();
  const to = target.hostname.toLowerCase();
  if (to === from || to.endsWith(`.${from}`)) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !SENSITIVE_ON_REDIRECT.has(name.toLowerCase())));
}
