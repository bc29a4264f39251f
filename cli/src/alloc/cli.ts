/**
 * @module alloc: `forex-mesh alloc logs [-stderr] [-f] [-tail] [-n N] [-c B] ALLOC [TASK]`, through
 * Nomad's framed log stream (`/v1/client/fs/logs/:alloc`). With `-f` it follows until Ctrl-C.
 */
import { parseFlags, wantsHelp } from "../args.js";
import { clientFromEnv, dispatch, guarded } from "../command.js";
import { CliError, CliErrorCode } from "../errors.js";
import { shortId } from "../format/time.js";
import { findAllocation } from "../lookup.js";
import { type Output, stderr, stdout } from "../monitor/output.js";
import { chooseTask, lastLines, tailWindowBytes } from "./tail.js";

const USAGE = `usage: forex-mesh alloc logs [-stderr] [-f] [-tail] [-n lines] [-c bytes] <alloc-id-or-prefix> [<task>]

  Prints a task's stdout (or stderr). -f keeps following; -tail starts at the end (last 10 lines,
  or -n lines, or -c bytes). The task may be left out when the allocation has only one.`;

/** The first output of a followed tail is gathered this long, then cut to the last N lines. */
const TAIL_SETTLE_MS = 300;

export function allocLogs(argv: string[], out: Output = stdout, err: Output = stderr, signal?: AbortSignal): Promise<number> {
  return guarded(USAGE, err, async () => {
    if (wantsHelp(argv)) {
      out.write(`${USAGE}\n`);
      return 0;
    }
    const { flags, positionals } = parseFlags(argv, { stderr: "bool", f: "bool", tail: "bool", n: "int", c: "int", verbose: "bool" });
    if (positionals.length < 1 || positionals.length > 2) throw new CliError(CliErrorCode.Usage, "This command takes one or two arguments: <allocation> [<task>]");
    const client = clientFromEnv();
    const stub = await findAllocation(client, positionals[0]!);
    const { data: alloc } = await client.allocations.info(stub.ID ?? "");
    const group = alloc.Job?.TaskGroups?.find((g) => g.Name === alloc.TaskGroup);
    const tasks = (group?.Tasks ?? []).map((t) => t.Name ?? "").filter(Boolean);
    const choice = chooseTask(shortId(alloc.ID), tasks.length ? tasks : Object.keys(alloc.TaskStates ?? {}), positionals[1]);
    if ("error" in choice) throw new CliError(CliErrorCode.Usage, choice.error);

    const tail = flags.tail || flags.n !== undefined || flags.c !== undefined;
    const lines = flags.n ?? (flags.c === undefined ? 10 : undefined);
    const offset = !tail ? 0 : flags.c !== undefined ? flags.c : tailWindowBytes(lines ?? 10);
    const follow = flags.f ?? false;
    const controller = new AbortController();
    const stop = () => controller.abort();
    signal?.addEventListener("abort", stop);
    process.once("SIGINT", stop);
    const text = new TextDecoder();
    let pending: string | undefined = tail && lines !== undefined ? "" : undefined;
    const flushTail = () => {
      if (pending === undefined) return;
      out.write(lastLines(pending, lines ?? 10));
      pending = undefined;
    };
    // Following: whatever arrived in the first moments is the backlog to cut; the rest streams.
    const settle = follow && pending !== undefined ? setTimeout(flushTail, TAIL_SETTLE_MS) : undefined;
    try {
      for await (const frame of client.allocations.logs(alloc.ID ?? "", {
        task: choice.task,
        type: flags.stderr ? "stderr" : "stdout",
        follow,
        origin: tail ? "end" : "start",
        offset,
        signal: controller.signal,
      })) {
        if (frame.fileEvent) err.write(`${frame.fileEvent}: ${frame.file ?? ""}\n`);
        if (!frame.data?.length) continue;
        const chunk = text.decode(frame.data, { stream: true });
        if (pending !== undefined) {
          pending += chunk;
        } else {
          out.write(chunk);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(settle);
      process.off("SIGINT", stop);
      signal?.removeEventListener("abort", stop);
    }
    flushTail();
    return 0;
  });
}

export function run(argv: string[]): Promise<number> {
  return dispatch({ name: "alloc", usage: USAGE, subcommands: { logs: (a) => allocLogs(a) } }, argv, stderr);
}
