import assert from "node:assert/strict";
import { test } from "node:test";
import { METRIC } from "./names.js";
import { recordedNames } from "./rules.js";
import { metricNames, panelExpressions, readDashboards, variableMetrics } from "./dashboard-exprs.js";

const recorded = new Set(recordedNames());
// Grafana's variable syntax, spelled out so it is not mistaken for a JS template.
const GRAFANA_DS_VAR = "$" + "{datasource}";
const raw = new Set<string>([...Object.values(METRIC), `${METRIC.duration}_bucket`, `${METRIC.duration}_sum`, `${METRIC.duration}_count`]);

test("the metric-name reader finds metrics and skips functions, labels and keywords", () => {
  assert.deepEqual(
    metricNames('sum by (service) (rate(proxy_requests_total{code_class!~"5xx|error"}[5m])) / on (service) group_left () a:b:c > bool 1e3'),
    ["proxy_requests_total", "a:b:c"],
  );
  assert.deepEqual(metricNames('histogram_quantile(0.99, x:y:z{service="$service"})'), ["x:y:z"]);
});

test("there are two dashboards: the mesh overview and one service with versions side by side", () => {
  assert.deepEqual(readDashboards().map((d) => [d.name, d.model.uid]), [
    ["mesh-overview.json", "forex-mesh-overview"],
    ["service-versions.json", "forex-mesh-service"],
  ]);
});

for (const d of readDashboards()) {
  test(`${d.name}: every query reads only recording rules (or the sidecar metrics themselves)`, () => {
    const exprs = panelExpressions(d);
    assert.ok(exprs.length >= 10);
    for (const expr of exprs) {
      const names = metricNames(expr);
      assert.ok(names.length > 0, `no metric in ${expr}`);
      for (const name of names) assert.ok(recorded.has(name) || raw.has(name), `${d.name}: ${name} (in ${expr}) is neither recorded nor a sidecar metric`);
    }
    for (const { metric } of variableMetrics(d)) assert.ok(recorded.has(metric), `${d.name}: variable reads ${metric}`);
  });

  test(`${d.name}: imports as is, with the Prometheus data source as a variable`, () => {
    const vars = d.model.templating.list;
    assert.deepEqual(vars.find((v) => v.name === "datasource"), { name: "datasource", label: "Prometheus", type: "datasource", query: "prometheus", current: {}, hide: 0, refresh: 1 });
    const ids = new Set<number>();
    for (const panel of d.model.panels) {
      assert.ok(!ids.has(panel.id), `duplicate panel id ${panel.id}`);
      ids.add(panel.id);
      assert.ok(panel.gridPos.x + panel.gridPos.w <= 24, `${panel.title} overflows the grid`);
      if (panel.type === "row") continue;
      assert.equal(panel.datasource?.uid, GRAFANA_DS_VAR, panel.title);
      for (const t of panel.targets ?? []) assert.equal(t.datasource.uid, GRAFANA_DS_VAR, panel.title);
    }
    assert.ok(!JSON.stringify(d.model).includes("DS_PROMETHEUS"), "no import-time input to fill in");
  });
}
