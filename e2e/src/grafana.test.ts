import assert from "node:assert/strict";
import { test } from "node:test";
import { customValues, type DashboardModel, expandPanels, labelValuesQuery, referenced } from "./grafana.js";

const model: DashboardModel = {
  templating: { list: [] },
  panels: [
    { id: 1, title: "row", targets: undefined },
    { id: 2, title: "rate", targets: [{ expr: 'x:rate$window{service="$service"}' }] },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${variable} form, not a JS template
    { id: 3, title: "plain", targets: [{ expr: "up" }, { expr: "y:rate${window}" }] },
  ],
};

test("expandPanels builds one expression per combination of the variables a target uses", () => {
  const q = expandPanels(model, { window: ["30s", "5m"], service: ["a", "b"] });
  assert.deepEqual(
    q.map((x) => x.expr),
    ['x:rate30s{service="a"}', 'x:rate30s{service="b"}', 'x:rate5m{service="a"}', 'x:rate5m{service="b"}', "up", "y:rate30s", "y:rate5m"],
  );
  assert.deepEqual(q[1]!.values, { window: "30s", service: "b" });
  assert.throws(() => expandPanels(model, { window: ["30s"] }), /no values for \$service/);
});

test("variables: custom options, label_values queries, references", () => {
  assert.deepEqual(customValues({ name: "w", type: "custom", query: "30s, 5m" }), ["30s", "5m"]);
  assert.deepEqual(customValues({ name: "w", type: "custom", query: "x", options: [{ value: "1m" }] }), ["1m"]);
  assert.deepEqual(labelValuesQuery({ name: "s", type: "query", query: { query: "label_values(a:b:c, service)" } }), { metric: "a:b:c", label: "service" });
  assert.throws(() => labelValuesQuery({ name: "s", type: "query", query: "up" }), /unsupported/);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${variable} form, not a JS template
  assert.deepEqual(referenced('a$x{b="${y}"} $x'), ["x", "y"]);
});
