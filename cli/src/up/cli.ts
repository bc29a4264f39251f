/**
 * @module up: `forex-mesh up` (and `pnpm start`): build what is stale, start the dev agent, submit
 * every job in start order, show progress until all are healthy (or say which is not and why),
 * print the URLs, and on Ctrl-C stop the jobs, then the agent, and exit 0.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jobFile, systemJobs } from "@forex-mesh/jobs";
import { registerRequest } from "@forex-mesh/jobspec";
import { configFromEnv, createNomadClient, type NomadClient } from "@forex-mesh/nomad-client";
import { wantsHelp } from "../args.js";
import { guarded } from "../command.js";
import { LiveBlock, type Output, stderr, stdout } from "../monitor/output.js";
import { type AgentProcess, startAgent } from "./agent.js";
import { runBuild, scanPackages, staleReasons } from "./build.js";
import { parseUpConfig, UP_USAGE, type UpConfig } from "./config.js";
import { diagnose } from "./diagnose.js";
import { type JobHealth, jobShape, progressLine } from "./health.js";
import { jobVariables, readyText } from "./plan.js";
import { requireFreePorts } from "./ports.js";
import { liveAllocations, pollJob, type SubmittedJob } from "./system.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const POLL_MS = 300;
/** Resolves after `ms` or at abort, whichever is first; never leaves a listener on the signal. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((r) => {
    if (signal.aborted) return r();
    const onAbort = (): void => {
      clearTimeout(timer);
      r();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      r();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    stdout.write(`${UP_USAGE}\n`);
    return 0;
  }
  // A new console password per run unless the operator chose one; it is printed with the URLs.
  const consolePassword = process.env["FOREX_CONSOLE_PASSWORD"] || randomBytes(12).toString("base64url");
  return guarded(UP_USAGE, stderr, () => up({ ...parseUpConfig(argv, repoRoot), consolePassword }, argv, stdout));
}

async function up(c: UpConfig, argv: string[], out: Output): Promise<number> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const stopping = new AbortController();
  let firstSignalAt = 0;
  let agent: AgentProcess | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      out.write(`\n${name}: stopping everything (Ctrl-C again to kill at once)\n`);
      stopping.abort();
      return;
    }
    // One Ctrl-C can arrive twice (from the terminal to the whole process group, and passed on
    // by a wrapper such as pnpm): only a second press, a moment later, means "kill at once".
    if (now - firstSignalAt < 1_000) return;
    out.write(`${name}: killing the agent now; its tasks may outlive it\n`);
    if (agent?.child.pid) process.kill(-agent.child.pid, "SIGKILL");
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    if (c.build) {
      const reasons = staleReasons(scanPackages(c.repoRoot));
      if (reasons.length > 0) {
        out.write(`==> building the workspace (pnpm -r build): ${reasons.length} package(s) stale\n${reasons.map((r) => `    ${r}`).join("\n")}\n    `);
        const t = performance.now();
        try {
          await runBuild(c.repoRoot, (s) => out.write(s)).finally(() => out.write("\n"));
        } catch (error) {
          // Ctrl-C reached pnpm too: an interrupted build is not a failure to report.
          if (stopping.signal.aborted) return 0;
          throw error;
        }
        out.write(`    built in ${seconds(performance.now() - t)}\n`);
        // The CLI itself may have been rebuilt: run the new one rather than this old code.
        if (reasons.some((r) => r.startsWith("cli:"))) return await reexec(argv);
      } else {
        out.write("==> build: up to date\n");
      }
    }
    if (stopping.signal.aborted) return 0;
    await requireFreePorts([
      { port: c.consulPort, what: "Consul API", flag: "--consul-port" },
      { port: c.nomadPort, what: "Nomad API", flag: "--nomad-port" },
      // Only the public ports of jobs that will run.
      ...[
        { job: "forex-edge", port: c.edgePort, what: "forex-edge, the public web port", flag: "--edge-port" },
        { job: "prometheus", port: c.prometheusPort, what: "Prometheus", flag: "--prometheus-port" },
        { job: "console", port: c.consolePort, what: "the console", flag: "--console-port" },
      ].filter((p) => (systemJobs as readonly string[]).includes(p.job)),
    ]);
    out.write(`==> starting the dev agent (Consul :${c.consulPort}, Nomad :${c.nomadPort}, data ${c.dataDir})\n`);
    agent = await startAgent(c);
    out.write(`    agent ready after ${seconds(elapsed())} (log: ${agent.logFile})\n`);
    const client = createNomadClient(configFromEnv({ NOMAD_ADDR: `http://127.0.0.1:${c.nomadPort}` }));
    const submitted = await submitJobs(client, c, out, stopping.signal);
    let unhealthy: string[] = [];
    if (!stopping.signal.aborted) unhealthy = await waitHealthy(client, c, submitted, out, stopping.signal, agent, elapsed);
    if (agent.child.exitCode !== null || agent.child.signalCode !== null) {
      stderr.write(`the dev agent exited unexpectedly; its last output (${agent.logFile}):\n${agent.recentOutput().trimEnd().split("\n").slice(-20).join("\n")}\n`);
      return 1;
    }
    if (!stopping.signal.aborted) {
      const files = ["console", "prometheus"].filter((j) => existsSync(jobFile(j)));
      out.write(`\n${readyText(c, submitted.map((j) => j.name), elapsed(), unhealthy, files)}\n`);
      await Promise.race([new Promise((r) => stopping.signal.addEventListener("abort", r, { once: true })), agent.exited]);
      if (!stopping.signal.aborted) {
        stderr.write(`the dev agent exited unexpectedly; its last output (${agent.logFile}):\n${agent.recentOutput().trimEnd().split("\n").slice(-20).join("\n")}\n`);
        return 1;
      }
    }
    await shutdown(client, submitted.map((j) => j.name), out);
    return 0;
  } finally {
    if (agent) {
      out.write("==> stopping the dev agent\n");
      await agent.stop();
      out.write("    stopped\n");
    }
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function submitJobs(client: NomadClient, c: UpConfig, out: Output, signal: AbortSignal): Promise<SubmittedJob[]> {
  out.write(`==> submitting ${systemJobs.length} jobs\n`);
  const submitted: SubmittedJob[] = [];
  for (const name of systemJobs) {
    if (signal.aborted) break;
    const path = jobFile(name);
    const source = await readFile(path, "utf8");
    const request = registerRequest(source, { filename: relative(c.repoRoot, path), variables: jobVariables(name, source, c) });
    const { data } = await client.jobs.register(request.Job, request.Submission ? { submission: request.Submission } : {});
    submitted.push({ name, shape: jobShape(request.Job), evalId: data.EvalID ?? "" });
    out.write(`    ${name.padEnd(16)} registered, evaluation ${(data.EvalID ?? "").slice(0, 8)}\n`);
  }
  return submitted;
}

async function waitHealthy(client: NomadClient, c: UpConfig, jobs: SubmittedJob[], out: Output, signal: AbortSignal, agent: AgentProcess, elapsed: () => number): Promise<string[]> {
  out.write(`==> waiting for every allocation to run and pass its Consul checks (up to ${c.timeoutSec} s)\n`);
  const consulAddr = `http://127.0.0.1:${c.consulPort}`;
  const block = new LiveBlock(out);
  const deadline = Date.now() + c.timeoutSec * 1000;
  const health = new Map<string, JobHealth>();
  const pollErrors = new Map<string, string>();
  for (;;) {
    await Promise.all(
      jobs.map(async (j) => {
        try {
          // Polls are short (the client's and Consul's timeouts); Ctrl-C is checked between rounds.
          health.set(j.name, await pollJob(client, consulAddr, j));
          pollErrors.delete(j.name);
        } catch (error) {
          if (!signal.aborted) pollErrors.set(j.name, (error as Error).message);
        }
      }),
    );
    if (signal.aborted || agent.child.exitCode !== null) return [];
    const lines = jobs.map((j) => progressLine(j.name, health.get(j.name)) + (pollErrors.has(j.name) ? `  (poll failed: ${pollErrors.get(j.name)})` : ""));
    block.update(`${lines.join("\n")}\n`, lines.join("\n"));
    const states = jobs.map((j) => health.get(j.name)?.state);
    const done = states.every((s) => s === "healthy");
    const failed = states.some((s) => s === "failed");
    if (done) {
      out.write(`    all ${jobs.length} jobs healthy after ${seconds(elapsed())}\n`);
      return [];
    }
    if (failed || Date.now() > deadline) {
      const bad = jobs.filter((j) => health.get(j.name)?.state !== "healthy");
      out.write(failed ? "\n==> a job failed\n" : `\n==> not healthy after ${c.timeoutSec} s\n`);
      for (const j of bad) {
        const h = health.get(j.name);
        out.write(`${h ? await diagnose(client, j.name, h) : `${j.name}: no status (${pollErrors.get(j.name) ?? "not polled"})`}\n`);
      }
      return bad.map((j) => j.name);
    }
    await sleep(POLL_MS, signal);
  }
}

async function shutdown(client: NomadClient, jobs: string[], out: Output): Promise<void> {
  out.write("==> stopping the jobs\n");
  for (const job of [...jobs].reverse()) {
    try {
      await client.jobs.deregister(job);
      out.write(`    ${job} stopped\n`);
    } catch (error) {
      out.write(`    ${job}: ${(error as Error).message}\n`);
    }
  }
  const deadline = Date.now() + 30_000;
  let last = -1;
  for (;;) {
    const live = await liveAllocations(client, jobs).catch(() => 0);
    if (live === 0) return;
    if (Date.now() > deadline) {
      out.write(`    ${live} allocation(s) still running after 30 s; stopping the agent anyway\n`);
      return;
    }
    if (live !== last) out.write(`    waiting for ${live} allocation(s) to stop\n`);
    last = live;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs the freshly built CLI with the same flags (no second build) and hands it the terminal. */
async function reexec(argv: string[]): Promise<number> {
  const child = spawn(process.execPath, [join(repoRoot, "cli/dist/main.js"), "up", ...argv, "--no-build"], { stdio: "inherit" });
  // The child gets the terminal's Ctrl-C itself; a signal sent to us alone is passed on.
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => forward("SIGINT"));
  process.on("SIGTERM", () => forward("SIGTERM"));
  return new Promise((r) => child.once("exit", (code) => r(code ?? 1)));
}
