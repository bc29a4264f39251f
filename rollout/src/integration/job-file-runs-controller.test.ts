/**
 * nomad/jobs/forex-rollout.nomad.hcl, as `forex-mesh up` submits it: parsed by the jobspec parser
 * the dev agent uses, with the variables `up` passes, registered on a real dev agent; the built
 * controller starts and its Consul check on /healthz passes.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { jobFile, systemJobs } from "@forex-mesh/jobs";
import { registerRequest } from "@forex-mesh/jobspec";
import { createNomadClient } from "@forex-mesh/nomad-client";
import { startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { startPrometheusMock } from "../testing/prometheus-mock.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

test("the forex-rollout job runs the built controller and its /healthz check passes in Consul", { timeout: 90_000 }, async (t) => {
  const main = join(repo, "rollout/dist/main.js");
  assert.ok(existsSync(main), `${main} is missing: run \`pnpm --filter @forex-mesh/rollout build\` first`);
  assert.ok((systemJobs as readonly string[]).includes("forex-rollout"), "`forex-mesh up` starts it");

  const source = readFileSync(jobFile("forex-rollout"), "utf8");
  // `up` passes only the variables a job declares, from repo, consul_addr, nomad_addr, prometheus_addr.
  const declared = [...source.matchAll(/^variable "([^"]+)"/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, ["consul_addr", "node", "nomad_addr", "prometheus_addr", "repo"]);

  const agent = await startDevAgent();
  t.after(() => agent.stop());
  const prometheus = await startPrometheusMock();
  t.after(() => prometheus.close());
  const request = registerRequest(source, {
    filename: "forex-rollout.nomad.hcl",
    variables: { repo, node: process.execPath, consul_addr: agent.consulAddr, nomad_addr: agent.nomadAddr, prometheus_addr: prometheus.url },
  });
  const task = request.Job.TaskGroups?.[0]?.Tasks?.[0];
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Nomad's own interpolation, kept literally in the job
  assert.deepEqual(task?.Env, { HOST: "127.0.0.1", PORT: "${NOMAD_PORT_http}", CONSUL_HTTP_ADDR: agent.consulAddr, NOMAD_ADDR: agent.nomadAddr, PROMETHEUS_ADDR: prometheus.url });
  const nomad = createNomadClient({ address: agent.nomadAddr, timeoutMs: 10_000 });
  await nomad.jobs.register(request.Job, request.Submission ? { submission: request.Submission } : {});

  const passing = await waitFor(
    "forex-rollout to pass its /healthz check in Consul",
    async () => {
      const res = await fetch(`${agent.consulAddr}/v1/health/service/forex-rollout?passing=true`);
      const entries = (await res.json()) as Array<{ Service: { Port: number; Tags: string[] } }>;
      return entries[0];
    },
    { timeoutMs: 45_000, intervalMs: 250 },
  );
  assert.deepEqual(passing.Service.Tags, ["rollout"]);
  const health = (await (await fetch(`http://127.0.0.1:${passing.Service.Port}/healthz`)).json()) as { status: string; watching: boolean };
  assert.equal(health.status, "ok");
  assert.equal(health.watching, true);
});
