/**
 * @module tail: `-tail -n N` for log streams. Nomad asks the agent for the end of the file by bytes,
 * so the command reads a generous window and cuts it to the last N lines itself.
 */

/** Bytes to ask for so that N lines are almost surely inside (long JSON log lines run to ~500 B). */
export const tailWindowBytes = (lines: number): number => Math.max(4096, lines * 512);

/** The last `n` lines of `text` (a final newline does not count as an empty line). */
export function lastLines(text: string, n: number): string {
  if (n <= 0) return "";
  const trailing = text.endsWith("\n");
  const lines = (trailing ? text.slice(0, -1) : text).split("\n");
  const kept = lines.slice(-n).join("\n");
  return kept === "" && !trailing ? "" : kept + (trailing ? "\n" : "");
}

/** Which task to read when the user named none: the only one, or an error listing the choices. */
export function chooseTask(allocId: string, tasks: readonly string[], named: string | undefined): { task: string } | { error: string } {
  if (named !== undefined) {
    return tasks.length === 0 || tasks.includes(named) ? { task: named } : { error: `Could not find task named: ${named}. Tasks: ${tasks.join(", ")}` };
  }
  if (tasks.length === 1) return { task: tasks[0]! };
  return { error: `Allocation "${allocId}" is running the following tasks:\n${tasks.map((t) => `  * ${t}`).join("\n")}\n\nPlease specify the task.` };
}
