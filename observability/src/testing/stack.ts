/**
 * @module The whole observability path on loopback for integration tests: MockConsul listing fake
 * sidecars → the real `forex-consul-sd` bridge process → real Prometheus (the Debian package) with the
 * config `render-config` produces and the committed rule files.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, type RunningProcess, startProcess } from "@forex-mesh/test-utils";
import { PACKAGE_DIR, renderPrometheusYaml } from "../artefacts.js";
import { parseRenderEnv } from "../env.js";
import { type MockConsul, startMockConsul } from "./consul-mock.js";
import { type FakeSidecar, startFakeSidecar } from "./fake-sidecar.js";

export const ALLOC = {
  rateV1: "1a2b3c4d-0000-4000-8000-000000000001",
  rateV2: "1a2b3c4d-0000-4000-8000-000000000002",
  converterV1: "1a2b3c4d-0000-4000-8000-000000000003",
} as const;

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface Stack {
  promUrl: string;
  consul: MockConsul;
  sidecars: { rateV1: FakeSidecar; rateV2: FakeSidecar; converterV1: FakeSidecar };
  /** Instant query; throws with Prometheus' error text when the expression is refused. */
  query(expr: string): Promise<PromSample[]>;
  getJson(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

const nomadId = (alloc: string, group: string, service: string): string => `_nomad-task-${alloc}-${group}-${service}-ingress`;

export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), "forex-observability-"));
  const rateV1 = await startFakeSidecar({ service: "forex-rate", inbound: { failureRatio: 0, seconds: 0.02 } }, "v1");
  const rateV2 = await startFakeSidecar({ service: "forex-rate", inbound: { failureRatio: 0.25, seconds: 0.3 } }, "v2");
  const converterV1 = await startFakeSidecar(
    {
      service: "forex-converter",
      inbound: { failureRatio: 0, seconds: 0.05 },
      upstreams: [
        { service: "forex-rate", version: "v1", failureRatio: 0, seconds: 0.02 },
        { service: "forex-rate", version: "v2", failureRatio: 0.25, seconds: 0.3 },
      ],
    },
    "v1",
  );
  const meta = (version: string, sidecar: FakeSidecar, alloc: string): Record<string, string> => ({ version, metrics_port: String(sidecar.port), alloc_id: alloc });
  const consul = await startMockConsul([
    { service: "forex-rate", id: nomadId(ALLOC.rateV1, "api", "forex-rate"), port: 21001, meta: meta("v1", rateV1, ALLOC.rateV1) },
    { service: "forex-rate", id: nomadId(ALLOC.rateV2, "api", "forex-rate"), port: 21002, tags: ["canary"], meta: meta("v2", rateV2, ALLOC.rateV2) },
    { service: "forex-converter", id: nomadId(ALLOC.converterV1, "api", "forex-converter"), port: 21003, meta: meta("v1", converterV1, ALLOC.converterV1) },
    // Registered without metrics_port: relabelling must drop it, not scrape its service port.
    { service: "legacy", id: "legacy-1", port: 21004, meta: { version: "v0" } },
  ]);
  const processes: RunningProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const p of processes.reverse()) await p.stop(3_000);
    await Promise.all([consul.close(), rateV1.close(), rateV2.close(), converterV1.close()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const sdPort = await freePort();
    processes.push(
      await startProcess(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", join(PACKAGE_DIR, "src/main.ts")], {
        cwd: PACKAGE_DIR,
        env: { CONSUL_HTTP_ADDR: consul.addr, FOREX_SD_PORT: String(sdPort) },
        readyWhen: /"listening"/,
      }),
    );
    const config = join(dir, "prometheus.yml");
    const env = parseRenderEnv({ FOREX_PROMETHEUS_SD_URL: `http://127.0.0.1:${sdPort}/v1/targets` });
    writeFileSync(config, renderPrometheusYaml(env, config));
    const promPort = await freePort();
    processes.push(
      await startProcess(
        "prometheus",
        [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${promPort}`],
        { readyWhen: /Server is ready to receive web requests/, readyTimeoutMs: 20_000 },
      ),
    );
    const promUrl = `http://127.0.0.1:${promPort}`;
    const getJson = async (path: string): Promise<unknown> => (await fetch(`${promUrl}${path}`)).json();
    const query = async (expr: string): Promise<PromSample[]> => {
      const body = (await getJson(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as { status: string; error?: string; data?: { result: PromSample[] } };
      if (body.status !== "success") throw new Error(`query ${expr} refused: ${body.error}`);
      return body.data?.result ?? [];
    };
    return { promUrl, consul, sidecars: { rateV1, rateV2, converterV1 }, query, getJson, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
