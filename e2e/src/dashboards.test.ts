// Issue 6's proof, part 2: with steady traffic through the edge, every panel query of every Grafana
// dashboard in observability/dashboards/ returns data from real Prometheus, for every value of the
// dashboards' variables (the window options; the services the `service` variable's own query lists
// — it must list all three). The one exception is what cannot exist: a "calls made by $service"
// panel for forex-rate, which calls nothing; that query must run and return nothing.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readDashboards } from "@forex-mesh/observability";
import { waitFor } from "@forex-mesh/test-utils";
import { customValues, type DashboardModel, expandPanels, labelValuesQuery } from "./grafana.js";
import { driveLoad } from "./load.js";
import { CONVERT_PATH, canHaveData, INSTANCES, SCRAPED, SERVICES } from "./mesh.js";
import { type System, startSystem } from "./system.js";

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

test("every dashboard panel query returns data for every variable value", { timeout: 120_000 }, async (t) => {
  const prom = system.prometheus;
  await waitFor(
    "Prometheus to scrape every proxy",
    async () => {
      const up = await prom.query('count by (service) (up{job="forex-mesh"} == 1)');
      return SCRAPED.every((s) => up.some((r) => r.metric.service === s && Number(r.value[1]) === INSTANCES[s]));
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );
  // Enough for two scrapes and a rule evaluation inside a 30 s window.
  const load = await driveLoad({ url: `${system.edgeUrl}${CONVERT_PATH}`, rps: 20, durationMs: 15_000 });
  assert.ok(load.done.every((d) => d.status === 200), "every request of the load succeeded");

  const dashboards = readDashboards();
  assert.ok(dashboards.length >= 2, "the mesh overview and the service dashboard");
  for (const { name, model } of dashboards as Array<{ name: string; model: DashboardModel }>) {
    const values: Record<string, string[]> = {};
    for (const v of model.templating.list) {
      if (v.type === "custom") values[v.name] = customValues(v);
      else if (v.type === "query") {
        const { metric, label } = labelValuesQuery(v);
        values[v.name] = await waitFor(`${name}: $${v.name} to list every service`, async () => {
          const found = [...new Set((await prom.query(metric)).map((s) => s.metric[label] ?? ""))].sort();
          return SERVICES.every((s) => found.includes(s)) ? found : undefined;
        });
      }
    }
    const all = expandPanels(model, values);
    // Prometheus refuses a bad expression at once: a parse error fails here, data or not.
    for (const q of all) await prom.query(q.expr);
    const queries = all.filter((q) => canHaveData(q.expr));
    for (const q of all.filter((q) => !canHaveData(q.expr))) assert.deepEqual(await prom.query(q.expr), [], `${q.panel}: ${q.expr} has data`);
    const empty = await waitFor(
      `${name}: every panel query to return data`,
      async () => {
        const still = [];
        for (const q of queries) if ((await prom.query(q.expr)).length === 0) still.push(q);
        return still.length === 0 ? still : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 1_000 },
    ).catch(async (error: Error) => {
      const left = [];
      for (const q of queries) if ((await prom.query(q.expr)).length === 0) left.push(`${q.panel}: ${q.expr}`);
      assert.fail(`${error.message}\n${left.join("\n")}`);
    });
    assert.deepEqual(empty, []);
    t.diagnostic(`${name}: ${queries.length} of ${all.length} panel queries (${Object.entries(values).map(([k, v]) => `$${k}=${v.join("|")}`).join(", ")}) returned data, the others none, as they must`);
  }
});
