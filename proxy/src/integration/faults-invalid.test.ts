// Proof: invalid fault values (a ratio above 1, an unknown field, text that is not JSON, an expiry
// that is not a date) are refused: counted with document="faults", named in /faults, and the last
// good table stays in force.
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { get, load, metricValue } from "../test/client.js";
import { putFaults, startFaultySidecar } from "./helpers.js";

const later = () => new Date(Date.now() + 600_000).toISOString();
const invalid: Array<[string, () => string, RegExp]> = [
  ["ratio 1.5", () => JSON.stringify({ faults: [{ version: "v2", latencyMs: 0, errorRatio: 1.5, expiresAt: later() }] }), /between 0 and 1/],
  ["unknown field", () => JSON.stringify({ faults: [], chaos: true }), /unknown field "chaos"/],
  ["not JSON", () => "v2=error", /^not JSON/],
  ["bad date", () => JSON.stringify({ faults: [{ version: "v2", latencyMs: 0, errorRatio: 0, expiresAt: "tomorrow" }] }), /ISO 8601/],
];

test("invalid fault values are refused and the previous table stays", async (t) => {
  const { agent, proxy } = await startFaultySidecar(t);
  const good = await putFaults(agent, "forex-rate", { faults: [{ version: "v2", latencyMs: 0, errorRatio: 1, expiresAt: later() }] });
  await waitFor("good table applied", async () => (await proxy.faults()).revision === good);

  for (const [i, [name, value, reason]] of invalid.entries()) {
    const revision = await putFaults(agent, "forex-rate", value());
    const view = await waitFor(`${name} refused`, async () => {
      const v = await proxy.faults();
      return v.lastConfigError?.revision === revision ? v : undefined;
    });
    assert.match(view.lastConfigError!.message, reason, name);
    assert.equal(view.revision, good, `${name}: the table in force changed`);
    assert.equal(view.active?.errorRatio, 1, `${name}: the active fault changed`);
    const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
    assert.equal(metricValue(metrics, "proxy_route_config_errors_total", { dst_service: "forex-rate", document: "faults" }), i + 1);
    const replies = await load(20, 4, () => get(`${proxy.url("ingress")}/rate`));
    assert.ok(
      replies.every((r) => r.status === 500 && r.json<{ error: { code: string } }>().error.code === "FAULT_INJECTED"),
      `${name}: the fault in force stopped applying`,
    );
  }
  assert.match(proxy.process.output(), /fault table refused; the last good table stays in force/);
});
