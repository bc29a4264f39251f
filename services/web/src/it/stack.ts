/**
 * The three real services as processes on free loopback ports: the built forex-rate
 * (services/rate/dist), and forex-converter and forex-web from source (tsx), so a test never runs a
 * stale build of the code under test.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, type RunningProcess, startProcess, waitFor } from "@forex-mesh/test-utils";

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, "../..");
const converterDir = resolve(webDir, "../converter");
const rateMain = resolve(webDir, "../rate/dist/main.js");
const TSX = ["--import", "tsx", "--conditions=@forex-mesh/source", "src/main.ts"];

export interface Service {
  url: string;
  process: RunningProcess;
  stop(): Promise<unknown>;
}

async function start(what: string, args: string[], cwd: string, env: Record<string, string>, path: string): Promise<Service> {
  const port = await freePort();
  const process = await startProcess("node", args, { cwd, env: { PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env } });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `${what} to answer ${path} at ${url}`,
      async () => {
        if (process.child.exitCode !== null) throw new Error(`${what} exited:\n${process.output()}`);
        return (await fetch(`${url}${path}`)).status === 200;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { url, process, stop: () => process.stop() };
}

export async function startRate(env: Record<string, string> = {}): Promise<Service> {
  if (!existsSync(rateMain)) {
    throw new Error(`forex-rate is not built (${rateMain} is missing): run \`pnpm --filter @forex-mesh/rate build\` first`);
  }
  return start("forex-rate", [rateMain], webDir, env, "/readyz");
}

export function startConverter(rateUrl: string, env: Record<string, string> = {}): Promise<Service> {
  return start("forex-converter", TSX, converterDir, { FOREX_RATE_URL: rateUrl, ...env }, "/healthz");
}

export function startWeb(env: { converterUrl: string; rateUrl: string; version: string; extra?: Record<string, string> }): Promise<Service> {
  return start(
    "forex-web",
    TSX,
    webDir,
    { FOREX_CONVERTER_URL: env.converterUrl, FOREX_RATE_URL: env.rateUrl, FOREX_VERSION: env.version, FOREX_CONVERTER_TIMEOUT_MS: "3000", ...env.extra },
    "/healthz",
  );
}

export interface Stack {
  rate: Service;
  converter: Service;
  web: Service;
  stop(): Promise<void>;
}

/** forex-rate → forex-converter → forex-web, all real. `logLevel` applies to all three (default warn). */
export async function startStack(version = "it-v1", { logLevel = "warn" } = {}): Promise<Stack> {
  const log = { LOG_LEVEL: logLevel };
  const started: Service[] = [];
  try {
    const rate = await startRate(log);
    started.push(rate);
    const converter = await startConverter(rate.url, log);
    started.push(converter);
    const web = await startWeb({ converterUrl: converter.url, rateUrl: rate.url, version, extra: log });
    started.push(web);
    return {
      rate,
      converter,
      web,
      async stop() {
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}
