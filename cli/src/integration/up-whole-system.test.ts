// The whole-system test: `forex-mesh up` on free ports brings the dev agent and every job up,
// a request through forex-edge converts an amount (forex-web → forex-converter → forex-rate, each
// through its sidecar), and SIGINT (Ctrl-C) stops every process it started and exits 0.
// It runs the command as a separate process (the source through tsx) with --no-build: the tree must
// be built (`pnpm -r build`, which `pnpm test` does first); the build check has its own unit tests.
import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, startProcess, waitFor } from "@forex-mesh/test-utils";
import { repoRoot } from "./helpers.js";
import { alive, processesUsing } from "./processes.js";

const BUILT = ["nomad/dev-agent/dist/main.js", "proxy/dist/main.js", "services/rate/dist/main.js", "services/converter/dist/main.js", "services/web/dist/main.js"];

test("up brings everything up, the edge converts an amount, SIGINT stops every process", async (t) => {
  for (const f of BUILT) assert.ok(existsSync(join(repoRoot, f)), `${f} is missing: run pnpm -r build first`);
  const dataDir = await mkdtemp(join(tmpdir(), "forex-cli-up-"));
  const [consulPort, nomadPort, edgePort, prometheusPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // The console port too, so the test never meets a running system once its job starts.
  const more = ["--prometheus-port", String(prometheusPort), "--console-port", String(await freePort())];
  const up = await startProcess(
    process.execPath,
    ["--import", "tsx", "--conditions=@forex-mesh/source", join(repoRoot, "cli/src/main.ts"), "up", "--no-build", "--consul-port", String(consulPort), "--nomad-port", String(nomadPort), "--edge-port", String(edgePort), "--data-dir", dataDir, "--timeout", "120", ...more],
    { cwd: repoRoot, readyWhen: /forex-mesh is up/, readyTimeoutMs: 150_000 },
  );
  t.after(async () => {
    // Only if an assertion failed midway: don't leave the system running.
    if (up.child.exitCode === null) await up.stop(30_000);
  });
  assert.match(up.output(), /forex-mesh is up \(\d+\.\d s\)/, up.output());
  assert.match(up.output(), new RegExp(`web page +http://127\\.0\\.0\\.1:${edgePort}/`));
  for (const job of ["forex-rate", "forex-converter", "forex-web", "forex-edge", "prometheus"]) assert.match(up.output(), new RegExp(`${job} +running \\d/\\d, checks \\d/\\d passing +✓ healthy`));

  const res = await fetch(`http://127.0.0.1:${edgePort}/?amount=100&from=USD&to=JPY`);
  const html = await res.text();
  assert.equal(res.status, 200, html.slice(0, 500));
  const result = /<section class="card result"[\s\S]*?<\/section>/.exec(html)?.[0] ?? html.slice(0, 2000);
  assert.match(result, /data-testid="result-amount">100 USD<\/span> = <strong data-testid="result-value">[\d,]+ JPY</);

  // Prometheus finds the sidecars through Consul and scrapes their admin /metrics.
  await waitFor(
    "Prometheus to scrape every forex service's sidecars",
    async () => {
      const query = encodeURIComponent('count by (service) (up{job="forex-mesh"} == 1)');
      const body = (await (await fetch(`http://127.0.0.1:${prometheusPort}/api/v1/query?query=${query}`)).json()) as {
        data: { result: Array<{ metric: { service: string }; value: [number, string] }> };
      };
      const up = new Map(body.data.result.map((r) => [r.metric.service, Number(r.value[1])]));
      return ["forex-rate", "forex-converter", "forex-web"].every((s) => up.get(s) === 2) && up.get("forex-edge") === 1;
    },
    { timeoutMs: 30_000, intervalMs: 500 },
  );

  const pids = processesUsing(dataDir);
  // The agent, app + sidecar for 2 instances of 3 services, the edge, Prometheus and its SD bridge.
  assert.ok(pids.length >= 16, `expected the agent and 15 tasks, found ${pids.length}`);

  up.child.kill("SIGINT");
  const [code] = await once(up.child, "exit");
  assert.equal(code, 0, up.output());
  assert.match(up.output(), /SIGINT: stopping everything/);
  assert.match(up.output(), /==> stopping the jobs[\s\S]*==> stopping the dev agent\n {4}stopped/);
  await waitFor("every process of the system to exit", () => pids.every((p) => !alive(p)), { timeoutMs: 5_000 });
  assert.deepEqual(processesUsing(dataDir), []);
});
