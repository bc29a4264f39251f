/**
 * @module An allocation's task log read through Nomad's log API (`GET /v1/client/fs/logs/:alloc`,
 * `plain=true`), as `nomad alloc logs` would, split into the JSON lines the services (pino, stdout)
 * and the proxies (stderr) write. Lines that are not JSON objects are kept apart, not dropped silently.
 */
import type { NomadClient } from "@forex-mesh/nomad-client";

export type LogLine = Record<string, unknown>;

/** Splits a log into JSON objects and the lines that are not. */
export function parseLogLines(text: string): { lines: LogLine[]; other: string[] } {
  const lines: LogLine[] = [];
  const other: string[] = [];
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === "object" && value !== null && !Array.isArray(value)) lines.push(value as LogLine);
      else other.push(raw);
    } catch {
      other.push(raw);
    }
  }
  return { lines, other };
}

export async function readTaskLog(nomad: NomadClient, allocId: string, task: string, type: "stdout" | "stderr"): Promise<LogLine[]> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of nomad.allocations.logsPlain(allocId, { task, type, signal: AbortSignal.timeout(10_000) })) text += decoder.decode(chunk, { stream: true });
  text += decoder.decode();
  return parseLogLines(text).lines;
}

/** The running allocations of a job, by id. */
export async function runningAllocs(nomad: NomadClient, job: string): Promise<string[]> {
  const { data } = await nomad.jobs.allocations(job);
  return data.filter((a) => a.ClientStatus === "running" && a.ID !== undefined).map((a) => a.ID!);
}
