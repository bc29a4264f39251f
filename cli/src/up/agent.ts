/**
 * @module agent: the dev agent as a child process. It runs in its own process group, so a Ctrl-C
 * in the terminal reaches only `up`, which stops the jobs first and the agent last. Its output goes
 * to <data-dir>/agent.log; the last lines are shown when it fails.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { CliError, CliErrorCode } from "../errors.js";
import type { UpConfig } from "./config.js";

export interface AgentProcess {
  child: ChildProcess;
  logFile: string;
  recentOutput(): string;
  /** Resolves when the process has exited (immediately if it has). */
  exited: Promise<number | string | null>;
  /** SIGTERM the group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export const agentMain = (repoRoot: string): string => join(repoRoot, "nomad/dev-agent/dist/main.js");

export async function startAgent(c: UpConfig, readyTimeoutMs = 30_000): Promise<AgentProcess> {
  const main = agentMain(c.repoRoot);
  if (!existsSync(main)) throw new CliError(CliErrorCode.AgentStart, `${main} is missing; run pnpm -r build`);
  mkdirSync(c.dataDir, { recursive: true });
  const logFile = join(c.dataDir, "agent.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [main, "--data-dir", c.dataDir, "--consul-port", String(c.consulPort), "--nomad-port", String(c.nomadPort)], {
    cwd: c.repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let recent = "";
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  void exited.then(() => log.end());
  const group = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  const agent: AgentProcess = {
    child,
    logFile,
    recentOutput: () => recent,
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      group("SIGTERM");
      const timer = setTimeout(() => group("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (!(recent.includes("consul api listening on") && recent.includes("nomad api listening on"))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new CliError(CliErrorCode.AgentStart, `the dev agent exited (${child.exitCode ?? child.signalCode}) before it was ready. Its last output (${logFile}):\n${lastLines(recent, 20)}`);
    }
    if (Date.now() > deadline) {
      await agent.stop(2_000);
      throw new CliError(CliErrorCode.AgentStart, `the dev agent did not report both APIs listening within ${readyTimeoutMs / 1000} s. Its last output (${logFile}):\n${lastLines(recent, 20)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return agent;
}

const lastLines = (text: string, n: number) => text.trimEnd().split("\n").slice(-n).join("\n");
