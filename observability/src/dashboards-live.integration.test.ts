/** Every dashboard query runs on real Prometheus (parse errors fail) and returns data from the fake mesh. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { panelQueries, readDashboards, variableMetrics } from "./dashboard-exprs.js";
import { type Stack, startStack } from "./testing/stack.js";

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

test("every panel and variable query of every dashboard is valid PromQL and returns series", { timeout: 60_000 }, async () => {
  // forex-rate calls nothing and nothing calls forex-converter here, so a `$service` panel passes
  // when it shows data for at least one of the two; every other panel must show data as it is.
  const queries = readDashboards().flatMap((d) => panelQueries(d, ["forex-rate", "forex-converter"]).map((q) => ({ d: d.name, ...q })));
  // Prometheus refuses a bad expression at once, data or not: check them all before waiting.
  for (const q of queries) for (const expr of q.variants) await stack.query(expr).catch((e: Error) => assert.fail(`${q.d}: ${e.message}`));
  const empty = new Set(queries);
  await waitFor(
    "every dashboard query to return series",
    async () => {
      for (const q of [...empty]) {
        for (const expr of q.variants) if ((await stack.query(expr)).length > 0) empty.delete(q);
      }
      return empty.size === 0 || undefined;
    },
    { timeoutMs: 45_000, intervalMs: 1_000 },
  ).catch((error: Error) => assert.fail(`${error.message}: ${[...empty].map((q) => `${q.template} [${q.window}]`).join("; ")}`));
  for (const d of readDashboards()) {
    for (const { metric, label } of variableMetrics(d)) {
      // Both services' first 5 m rates may land an evaluation apart.
      const values = await waitFor(`${d.name} variable ${label} to list both services`, async () => {
        const v = [...new Set((await stack.query(metric)).map((s) => s.metric[label]))].sort();
        return v.length >= 2 ? v : undefined;
      });
      assert.deepEqual(values, ["forex-converter", "forex-rate"], `${d.name} variable ${label}`);
    }
  }
});
