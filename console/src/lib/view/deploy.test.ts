import assert from "node:assert/strict";
import { test } from "node:test";
import type { Job } from "@forex-mesh/nomad-client";
import { fixture } from "../../fixtures/load";
import { appEnv, deploymentBusy, planDeploy, toDeployRequest } from "./deploy";

// forex-rate at v1 as Nomad answers `GET /v1/job/forex-rate` (the oldest entry of its versions).
const v1 = (): Job => fixture<{ Versions: Job[] }>("versions-forex-rate.json").Versions.at(-1)!;

test("toDeployRequest: blank rows are ignored, the fault knobs are accepted within bounds", () => {
  const r = toDeployRequest(" v3 ", [
    { key: "FOREX_FAULT_ERROR_RATIO", value: "0.2" },
    { key: "", value: "" },
    { key: "FOREX_FAULT_LATENCY_MS", value: "300" },
  ]);
  assert.deepEqual(r, { ok: true, value: { version: "v3", env: { FOREX_FAULT_ERROR_RATIO: "0.2", FOREX_FAULT_LATENCY_MS: "300" } } });
});

test("toDeployRequest: a label the sidecars would refuse, a bad env name, a reserved name, an out-of-range knob and a repeated key are refused with the reason", () => {
  const bad = (version: string, rows: Array<{ key: string; value: string }>) => {
    const r = toDeployRequest(version, rows);
    assert.equal(r.ok, false, JSON.stringify({ version, rows }));
    return r.ok ? "" : r.message;
  };
  assert.match(bad("v 3", []), /version: may hold only letters, digits/);
  assert.match(bad("", []), /version: name a version/);
  assert.match(bad("v3", [{ key: "1ABC", value: "x" }]), /must be an environment variable name/);
  assert.match(bad("v3", [{ key: "FOREX_VERSION", value: "v9" }]), /is set by the job itself/);
  assert.match(bad("v3", [{ key: "NOMAD_META_version", value: "v9" }]), /is set by the job itself/);
  assert.match(bad("v3", [{ key: "FOREX_FAULT_ERROR_RATIO", value: "1.5" }]), /FOREX_FAULT_ERROR_RATIO: must be a number from 0 to 1/);
  assert.match(bad("v3", [{ key: "FOREX_FAULT_LATENCY_MS", value: "2.5" }]), /must be a whole number from 0 to 30000/);
  assert.match(bad("v3", [{ key: "A", value: "line\nbreak" }]), /must be one line/);
  assert.match(bad("v3", [{ key: "A", value: "1" }, { key: "A", value: "2" }]), /A appears twice/);
});

test("planDeploy: Meta.version becomes the label, overrides go to the app task only, an empty value removes a key", () => {
  const job = v1();
  const withFault = planDeploy(job, { version: "v3", env: { FOREX_FAULT_ERROR_RATIO: "0.2" } });
  assert.ok(withFault.ok);
  assert.equal(withFault.value.Meta?.version, "v3");
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Nomad's own interpolation syntax, kept verbatim in the job.
  assert.deepEqual(appEnv(withFault.value), { PORT: "${NOMAD_PORT_app}", FOREX_VERSION: "${NOMAD_META_version}", FOREX_FAULT_ERROR_RATIO: "0.2" });
  const sidecar = withFault.value.TaskGroups?.[0]?.Tasks?.find((t) => t.Name === "sidecar");
  assert.deepEqual(sidecar?.Env, { CONSUL_HTTP_ADDR: "http://127.0.0.1:8500" });
  assert.equal(job.Meta?.version, "v1", "the input job is not modified");

  const cleared = planDeploy(withFault.value, { version: "v4", env: { FOREX_FAULT_ERROR_RATIO: "" } });
  assert.ok(cleared.ok);
  assert.equal("FOREX_FAULT_ERROR_RATIO" in appEnv(cleared.value), false);
});

test("planDeploy: the label the job already runs is refused; overrides without an app task are refused", () => {
  const same = planDeploy(v1(), { version: "v1", env: {} });
  assert.deepEqual(same, { ok: false, message: "the job already runs v1; deploy under a new label so the sidecars can tell the canaries apart" });
  const noApp = planDeploy({ ID: "x", Meta: { version: "v1" }, TaskGroups: [{ Name: "g", Tasks: [{ Name: "web" }] }] }, { version: "v2", env: { A: "1" } });
  assert.deepEqual(noApp, { ok: false, message: 'job x has no "app" task to take the env overrides' });
  assert.ok(planDeploy({ ID: "x", Meta: { version: "v1" }, TaskGroups: [{ Name: "g", Tasks: [{ Name: "web" }] }] }, { version: "v2", env: {} }).ok);
});

test("deploymentBusy: a running or paused deployment blocks a new one, a finished one does not", () => {
  assert.match(deploymentBusy({ ID: "0123456789", Status: "running", StatusDescription: "Deployment is running but requires manual promotion" }) ?? "", /^deployment 01234567 is running \(Deployment is running but requires manual promotion\); promote or roll it back first$/);
  assert.match(deploymentBusy({ ID: "0123456789", Status: "paused" }) ?? "", /is paused/);
  for (const Status of ["successful", "failed", "cancelled"]) assert.equal(deploymentBusy({ ID: "d", Status }), null);
  assert.equal(deploymentBusy(null), null);
});
