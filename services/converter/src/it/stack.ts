/**
 * Real processes for the integration tests: the built forex-rate (services/rate/dist) and this
 * converter from source, each on a free loopback port.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, type RunningProcess, startProcess, waitFor } from "@forex-mesh/test-utils";

const here = dirname(fileURLToPath(import.meta.url));
export const converterDir = resolve(here, "../..");
export const rateMain = resolve(converterDir, "../rate/dist/main.js");

export interface Service {
  url: string;
  process: RunningProcess;
  stop(graceMs?: number): Promise<unknown>;
}

async function waitReady(url: string, process: RunningProcess, what: string, path = "/readyz"): Promise<void> {
  let exited = false;
  process.child.once("exit", () => {
    exited = true;
  });
  await waitFor(
    `${what} to answer ${path} at ${url}`,
    async () => {
      if (exited || process.child.exitCode !== null) throw new Error(`${what} exited:\n${process.output()}`);
      const response = await fetch(`${url}${path}`);
      return response.status === 200;
    },
    { timeoutMs: 20_000, intervalMs: 100 },
  );
}

/** forex-rate as built by its package, on the default data (the full ECB history). */
export async function startRate(env: Record<string, string> = {}): Promise<Service> {
  if (!existsSync(rateMain)) {
    throw new Error(`forex-rate is not built (${rateMain} is missing): run \`pnpm --filter @forex-mesh/rate build\` first`);
  }
  const port = await freePort();
  const process = await startProcess("node", [rateMain], { env: { PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env } });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, process, "forex-rate");
  return { url, process, stop: (graceMs?: number) => process.stop(graceMs) };
}

/**
 * forex-converter from source (tsx), so a test run never uses a stale build. `ready: false` awaits
 * /healthz instead of /readyz.
 */
export async function startConverter(env: Record<string, string>, { ready = true } = {}): Promise<Service> {
  const port = await freePort();
  const process = await startProcess(
    "node",
    ["--import", "tsx", "--conditions=@forex-mesh/source", "src/main.ts"],
    { cwd: converterDir, env: { PORT: String(port), HOST: "127.0.0.1", ...env } },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, process, "forex-converter", ready ? "/readyz" : "/healthz");
  return { url, process, stop: (graceMs?: number) => process.stop(graceMs) };
}

/** forex-rate and a converter in front of it. */
export async function startPair(converterEnv: Record<string, string> = {}): Promise<{ rate: Service; converter: Service; stop(): Promise<void> }> {
  const rate = await startRate();
  try {
    const converter = await startConverter({ FOREX_RATE_URL: rate.url, ...converterEnv });
    return {
      rate,
      converter,
      async stop() {
        await Promise.all([converter.stop(), rate.stop()]);
      },
    };
  } catch (error) {
    await rate.stop();
    throw error;
  }
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}
