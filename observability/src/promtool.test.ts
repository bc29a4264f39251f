/** promtool (Debian package `prometheus`) accepts the committed config and rules and passes the rule unit tests. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { PACKAGE_DIR, RULES_DIR } from "./artefacts.js";
import { ALERT } from "./names.js";

function promtool(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync("promtool", args, { cwd: PACKAGE_DIR, encoding: "utf8" });
  if (run.error) throw new Error(`promtool not runnable (install the Debian package prometheus): ${run.error.message}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const ruleFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith(".rules.yml")).map((f) => join("rules", f));
const unitTests = readdirSync(join(RULES_DIR, "tests")).filter((f) => f.endsWith(".test.yml"));

test("promtool check config accepts prometheus.yml and finds every rule file", () => {
  const { status, output } = promtool("check", "config", "prometheus.yml");
  assert.equal(status, 0, output);
  assert.match(output, new RegExp(`SUCCESS: ${ruleFiles.length} rule files found`));
});

test("promtool check rules accepts every rule file", () => {
  assert.equal(ruleFiles.length, 3);
  const { status, output } = promtool("check", "rules", ...ruleFiles);
  assert.equal(status, 0, output);
});

test("promtool check rules refuses a broken expression (the check is not a no-op)", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "promtool-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, "bad.rules.yml");
  writeFileSync(bad, "groups:\n  - name: g\n    rules:\n      - record: a:b:c\n        expr: sum by (service (x)\n");
  const { status } = promtool("check", "rules", bad);
  assert.notEqual(status, 0);
});

for (const file of unitTests) {
  test(`promtool test rules ${file}`, () => {
    const { status, output } = promtool("test", "rules", join("rules", "tests", file));
    assert.equal(status, 0, output);
    assert.match(output, /SUCCESS/);
  });
}

test("every alert has a unit test where it fires and one where it does not yet", () => {
  assert.deepEqual([...unitTests].sort(), ["alerts.test.yml", "golden.test.yml", "mesh.test.yml"]);
  const doc = parse(readFileSync(join(RULES_DIR, "tests", "alerts.test.yml"), "utf8")) as {
    tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
  };
  const checks = doc.tests.flatMap((t) => t.alert_rule_test ?? []);
  for (const name of Object.values(ALERT)) {
    assert.ok(checks.some((c) => c.alertname === name && c.exp_alerts.length > 0), `${name} never expected to fire`);
    assert.ok(checks.some((c) => c.alertname === name && c.exp_alerts.length === 0), `${name} never expected to stay quiet`);
  }
});
