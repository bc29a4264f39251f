import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface StartProcessOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** A line of output (stdout or stderr) that means the process is ready. */
  readyWhen?: RegExp;
  readyTimeoutMs?: number;
}

export interface RunningProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<number | NodeJS.Signals | null>;
  kill9(): Promise<void>;
}

/** Starts a child process in its own process group and optionally waits for a ready line. */
export async function startProcess(
  command: string,
  args: string[],
  { cwd, env, readyWhen, readyTimeoutMs = 15_000 }: StartProcessOptions = {},
): Promise<RunningProcess> {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const onData = (chunk: Buffer): void => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | NodeJS.Signals | null);

  const running: RunningProcess = {
    child,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, "SIGKILL");
      await exited;
    },
  };

  if (readyWhen) {
    const deadline = Date.now() + readyTimeoutMs;
    while (!readyWhen.test(output)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${command} exited before it was ready:\n${output}`);
      }
      if (Date.now() > deadline) {
        await running.kill9();
        throw new Error(`${command} not ready within ${readyTimeoutMs} ms (waiting for ${readyWhen}):\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return running;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}
