/**
 * @module Reads the committed dashboard JSON files the way Grafana would: every panel query and
 * every variable query, with Grafana's variables replaced by values a test can run.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_DIR } from "./artefacts.js";

export interface DashboardFile {
  name: string;
  model: {
    uid: string;
    templating: { list: Array<{ name: string; type: string; query: unknown; datasource?: unknown }> };
    panels: Array<{ id: number; type: string; title: string; datasource?: { uid: string }; gridPos: { x: number; w: number }; targets?: Array<{ expr: string; datasource: { uid: string } }> }>;
  };
}

export const DASHBOARD_DIR = join(PACKAGE_DIR, "dashboards");

export function readDashboards(): DashboardFile[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, model: JSON.parse(readFileSync(join(DASHBOARD_DIR, name), "utf8")) as DashboardFile["model"] }));
}

/** Every panel expression, once per window the `$window` variable offers, with `$service` set. */
export function panelExpressions(d: DashboardFile, service = "forex-rate"): string[] {
  return panelQueries(d, [service]).flatMap((q) => q.variants);
}

/** Each panel query per window, with one variant per service the `$service` variable may take. */
export function panelQueries(d: DashboardFile, services: string[]): Array<{ template: string; window: string; variants: string[] }> {
  const exprs = d.model.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  return ["30s", "5m"].flatMap((window) =>
    exprs.map((template) => {
      const withWindow = template.replaceAll("$window", window);
      const variants = template.includes("$service") ? services.map((s) => withWindow.replaceAll("$service", s)) : [withWindow];
      return { template, window, variants };
    }),
  );
}

/** The metric inside each `label_values(metric, label)` variable query. */
export function variableMetrics(d: DashboardFile): Array<{ metric: string; label: string }> {
  return d.model.templating.list
    .filter((v) => v.type === "query")
    .map((v) => {
      const text = typeof v.query === "string" ? v.query : (v.query as { query: string }).query;
      const m = /^label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*([a-zA-Z_]\w*)\s*\)$/.exec(text);
      if (!m) throw new Error(`unexpected variable query ${text}`);
      return { metric: m[1]!, label: m[2]! };
    });
}

const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"]);

/** Metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  const names = new Set<string>();
  for (const m of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\()/g)) {
    const word = m[0];
    const prev = stripped[m.index - 1];
    if (prev !== undefined && /[0-9.]/.test(prev)) continue; // part of a number like 1e3
    if (KEYWORDS.has(word.toLowerCase())) continue;
    // `(?!\s*\()` can still match a function name minus its last letter; drop those prefixes.
    if (/^\s*[a-zA-Z0-9_:]*\s*\(/.test(stripped.slice(m.index + word.length))) continue;
    names.add(word);
  }
  return [...names];
}
