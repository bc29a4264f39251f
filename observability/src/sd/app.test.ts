/** The bridge as a real process over loopback, reading MockConsul (the Consul stand-in). */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { freePort, type RunningProcess, startProcess } from "@forex-mesh/test-utils";
import { PACKAGE_DIR } from "../artefacts.js";
import { type MockConsul, startMockConsul } from "../testing/consul-mock.js";
import type { TargetGroup } from "./targets.js";

let consul: MockConsul;
let bridge: RunningProcess;
let base: string;

before(async () => {
  consul = await startMockConsul([
    { service: "forex-rate", id: "r1", port: 21001, meta: { version: "v1", metrics_port: "21002" } },
    { service: "forex-rate", id: "r2", port: 21003, tags: ["canary"], status: "critical", meta: { version: "v2", metrics_port: "21004" } },
  ]);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bridge = await startProcess(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", join(PACKAGE_DIR, "src/main.ts")], {
    env: { CONSUL_HTTP_ADDR: `http://${consul.addr}`, FOREX_SD_PORT: String(port) },
    readyWhen: /"listening"/,
  });
});
after(async () => {
  await bridge?.stop();
  await consul?.close();
});

test("GET /v1/targets lists every instance of every service, unhealthy ones too, with their health", async () => {
  const res = await fetch(`${base}/v1/targets`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const groups = (await res.json()) as TargetGroup[];
  assert.deepEqual(
    groups.map((g) => [g.targets[0], g.labels.__meta_consul_service_id, g.labels.__meta_consul_health, g.labels.__meta_consul_tags]),
    [
      ["127.0.0.1:21001", "r1", "passing", ""],
      ["127.0.0.1:21003", "r2", "critical", ",canary,"],
    ],
  );
  assert.equal(groups[0]!.labels.__meta_consul_dc, "dc1");
  assert.ok(consul.requests.includes("/v1/health/service/consul"));
});

test("when Consul fails the bridge answers 502 with a JSON error, and recovers with it", async () => {
  consul.failing = true;
  try {
    const res = await fetch(`${base}/v1/targets`);
    assert.equal(res.status, 502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "observability_consul_unavailable");
    assert.match(body.error.message, /500/);
  } finally {
    consul.failing = false;
  }
  assert.equal((await fetch(`${base}/v1/targets`)).status, 200);
});

test("unknown paths, other methods and query parameters get 4xx JSON errors", async () => {
  const cases: Array<[string, RequestInit, number, string]> = [
    ["/v1/nope", {}, 404, "observability_not_found"],
    ["/v1/targets", { method: "POST", body: "{}" }, 405, "observability_method_not_allowed"],
    ["/v1/targets?service=x", {}, 400, "observability_invalid_config"],
  ];
  for (const [path, init, status, code] of cases) {
    const res = await fetch(`${base}${path}`, init);
    assert.equal(res.status, status, path);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, code);
  }
  const health = await fetch(`${base}/healthz`);
  assert.deepEqual(await health.json(), { status: "ok" });
});
