/**
 * @module plan: what `up` will run, decided from the config and the job files without any I/O:
 * which variables each job gets (only those it declares, since nomad rejects an undeclared -var),
 * the URLs to print, and the one-line hint for a second terminal.
 */
import type { UpConfig } from "./config.js";

/** Variable names a job file declares (`variable "name" {` at the start of a line). */
export function declaredVariables(source: string): Set<string> {
  return new Set([...source.matchAll(/^\s*variable\s+"([^"]+)"\s*\{/gm)].map((m) => m[1]!));
}

/** The public port of each job that has one, by job name (`port` in its file). */
export function jobPorts(c: UpConfig): Record<string, number> {
  return { "forex-edge": c.edgePort, prometheus: c.prometheusPort, console: c.consolePort };
}

/**
 * The -var values `up` passes: the checkout, where the agent's APIs are, and the job's own public
 * port. A job gets only the ones it declares.
 */
export function jobVariables(job: string, source: string, c: UpConfig): Record<string, string> {
  const offered: Record<string, string> = {
    repo: c.repoRoot,
    consul_addr: `http://127.0.0.1:${c.consulPort}`,
    nomad_addr: `http://127.0.0.1:${c.nomadPort}`,
    prometheus_addr: `http://127.0.0.1:${c.prometheusPort}`,
  };
  const port = jobPorts(c)[job];
  if (port !== undefined) offered.port = String(port);
  if (job === "console" && c.consolePassword !== undefined) offered.password = c.consolePassword;
  const declared = declaredVariables(source);
  return Object.fromEntries(Object.entries(offered).filter(([k]) => declared.has(k)));
}

export interface Endpoint {
  what: string;
  url: string;
  /** Set when the job serving it does not exist yet. */
  note?: string;
}

/** `jobs`: the jobs started; `files`: the jobs that have a job file (started or not). */
export function endpoints(c: UpConfig, jobs: readonly string[], files: readonly string[] = jobs): Endpoint[] {
  const missing = (job: string) =>
    jobs.includes(job) ? {} : { note: files.includes(job) ? `not started (${job} is not in the start list)` : `not yet built (no ${job} job)` };
  return [
    { what: "web page", url: `http://127.0.0.1:${c.edgePort}/`, ...missing("forex-edge") },
    {
      what: "console",
      url: `http://127.0.0.1:${c.consolePort}/`,
      ...(jobs.includes("console") && c.consolePassword !== undefined ? { note: `password ${c.consolePassword}` } : missing("console")),
    },
    { what: "Prometheus", url: `http://127.0.0.1:${c.prometheusPort}/`, ...missing("prometheus") },
    { what: "Nomad API", url: `http://127.0.0.1:${c.nomadPort}` },
    { what: "Consul API", url: `http://127.0.0.1:${c.consulPort}` },
  ];
}

export function readyText(c: UpConfig, jobs: readonly string[], elapsedMs: number, unhealthy: readonly string[], files: readonly string[] = jobs): string {
  const head = unhealthy.length === 0 ? `forex-mesh is up (${(elapsedMs / 1000).toFixed(1)} s)` : `forex-mesh is up, but not healthy: ${unhealthy.join(", ")} (see above)`;
  const rows = endpoints(c, jobs, files).map((e) => `  ${e.what.padEnd(12)} ${e.url}${e.note ? `   ${e.note}` : ""}`);
  return [
    head,
    ...rows,
    `  ${"data".padEnd(12)} ${c.dataDir}`,
    "",
    "In a second terminal:",
    `  NOMAD_ADDR=http://127.0.0.1:${c.nomadPort} pnpm forex-mesh job status`,
    `  NOMAD_ADDR=http://127.0.0.1:${c.nomadPort} pnpm forex-mesh job run -var repo=${c.repoRoot}${c.consulPort === 8500 ? "" : ` -var consul_addr=http://127.0.0.1:${c.consulPort}`} -var version=v2 nomad/jobs/forex-rate.nomad.hcl`,
    "",
    "Ctrl-C stops every job and the agent.",
  ].join("\n");
}
