/**
 * @module diagnose: why is a job not healthy? For the allocations in question: each task's state,
 * restarts and last events, then the last log lines of its stderr and stdout through the log API.
 */
import type { Allocation, NomadClient, TaskState } from "@forex-mesh/nomad-client";
import { lastLines } from "../alloc/tail.js";
import { shortId } from "../format/time.js";
import type { JobHealth } from "./health.js";

const LOG_LINES = 10;

/** Pure: the task-state part of the report. */
export function describeTasks(alloc: Allocation): string[] {
  const out = [`  allocation ${shortId(alloc.ID)} (group ${alloc.TaskGroup ?? ""}): ${alloc.ClientStatus ?? ""}${alloc.ClientDescription ? ` - ${alloc.ClientDescription}` : ""}`];
  for (const [name, s] of Object.entries(alloc.TaskStates ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`    task ${name}: ${s.State ?? "?"}${s.Failed ? " (failed)" : ""}${s.Restarts ? `, ${s.Restarts} restart(s)` : ""}`);
    for (const e of (s.Events ?? []).slice(-3)) out.push(`      ${e.Type ?? ""}: ${e.DisplayMessage || e.Message || ""}`.trimEnd());
  }
  return out;
}

async function tailOf(client: NomadClient, allocId: string, task: string, type: "stdout" | "stderr"): Promise<string> {
  try {
    let text = "";
    const decoder = new TextDecoder();
    for await (const chunk of client.allocations.logsPlain(allocId, { task, type, origin: "end", offset: 4096, signal: AbortSignal.timeout(3_000) })) {
      text += decoder.decode(chunk, { stream: true });
    }
    return lastLines(text, LOG_LINES);
  } catch (error) {
    return `(no ${type} log: ${(error as Error).message})\n`;
  }
}

const worthLogs = (s: TaskState) => s.State !== "running" || s.Failed || (s.Restarts ?? 0) > 0;

export async function diagnose(client: NomadClient, job: string, health: JobHealth, maxAllocs = 2): Promise<string> {
  const lines = [`${job}: not healthy: ${health.reason}`];
  for (const id of health.suspects.slice(0, maxAllocs)) {
    let alloc: Allocation;
    try {
      ({ data: alloc } = await client.allocations.info(id));
    } catch (error) {
      lines.push(`  allocation ${shortId(id)}: ${(error as Error).message}`);
      continue;
    }
    lines.push(...describeTasks(alloc));
    const states = Object.entries(alloc.TaskStates ?? {});
    // A failing check with every task running: the logs of all tasks may say why.
    const pick = states.some(([, s]) => worthLogs(s)) ? states.filter(([, s]) => worthLogs(s)) : states;
    for (const [task] of pick) {
      for (const type of ["stderr", "stdout"] as const) {
        const text = await tailOf(client, id, task, type);
        if (text.trim() === "") continue;
        lines.push(`    last ${type} lines of ${task}:`, ...text.trimEnd().split("\n").map((l) => `      ${l}`));
      }
    }
  }
  if (health.suspects.length > maxAllocs) lines.push(`  (${health.suspects.length - maxAllocs} more allocation(s) not shown: forex-mesh job status ${job})`);
  return lines.join("\n");
}
