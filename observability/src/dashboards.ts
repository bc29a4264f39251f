/**
 * @module Grafana dashboards as data. The data source is a dashboard variable (`$datasource`), so a
 * user imports the JSON as it is and picks their Prometheus; the window (`$window`) selects the 30 s or
 * 5 m recording rules. Every query reads a recording rule, never a raw histogram.
 */
import { type GoldenStat, goldenRecord, type Level, MESH_RECORD, METRIC, resilienceRecord } from "./names.js";

// Grafana's own variable syntax, not a JS template: the dashboard resolves it at view time.
const DS = { type: "prometheus", uid: ["$", "{datasource}"].join("") };

interface Target {
  expr: string;
  legend: string;
}

interface PanelSpec {
  title: string;
  unit: string;
  targets: Target[];
  max?: number;
  description?: string;
}

const UNIT: Record<GoldenStat, string> = { rate: "reqps", success_ratio: "percentunit", p50: "s", p95: "s", p99: "s" };
const TITLE: Record<GoldenStat, string> = { rate: "Request rate", success_ratio: "Success ratio", p50: "p50 latency", p95: "p95 latency", p99: "p99 latency" };

function golden(level: Level, stat: GoldenStat, filter: string, legend: string): PanelSpec {
  const spec: PanelSpec = { title: TITLE[stat], unit: UNIT[stat], targets: [{ expr: `${goldenRecord(level, stat, "$window")}${filter}`, legend }] };
  if (stat === "success_ratio") spec.max = 1;
  return spec;
}

function timeseries(spec: PanelSpec, id: number, x: number, y: number, w = 8, h = 8): Record<string, unknown> {
  const defaults: Record<string, unknown> = { unit: spec.unit, min: 0, custom: { lineWidth: 2, fillOpacity: 10, showPoints: "never" } };
  if (spec.max !== undefined) defaults.max = spec.max;
  return {
    id,
    type: "timeseries",
    title: spec.title,
    ...(spec.description ? { description: spec.description } : {}),
    datasource: DS,
    gridPos: { x, y, w, h },
    fieldConfig: { defaults, overrides: [] },
    options: { legend: { displayMode: "table", placement: "right", calcs: ["lastNotNull", "max"] }, tooltip: { mode: "multi", sort: "desc" } },
    targets: spec.targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), datasource: DS, expr: t.expr, legendFormat: t.legend, range: true })),
  };
}

function row(title: string, id: number, y: number): Record<string, unknown> {
  return { id, type: "row", title, collapsed: false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: [] };
}

/** Lays out rows of up to three panels each, 8 wide. */
function layout(sections: Array<{ title: string; panels: PanelSpec[] }>): Array<Record<string, unknown>> {
  const panels: Array<Record<string, unknown>> = [];
  let id = 1;
  let y = 0;
  for (const section of sections) {
    panels.push(row(section.title, id++, y));
    y += 1;
    section.panels.forEach((spec, i) => {
      panels.push(timeseries(spec, id++, (i % 3) * 8, y + Math.floor(i / 3) * 8));
    });
    y += Math.ceil(section.panels.length / 3) * 8;
  }
  return panels;
}

const datasourceVar = { name: "datasource", label: "Prometheus", type: "datasource", query: "prometheus", current: {}, hide: 0, refresh: 1 };
const windowVar = {
  name: "window",
  label: "Window",
  type: "custom",
  query: "30s,5m",
  current: { text: "30s", value: "30s", selected: true },
  options: [
    { text: "30s", value: "30s", selected: true },
    { text: "5m", value: "5m", selected: false },
  ],
  hide: 0,
};

function dashboard(uid: string, title: string, variables: unknown[], panels: unknown[]): Record<string, unknown> {
  return {
    uid,
    title,
    description: "forex-mesh golden metrics from the recording rules in observability/rules (import as is; pick the Prometheus data source).",
    tags: ["forex-mesh"],
    editable: true,
    graphTooltip: 1,
    refresh: "10s",
    schemaVersion: 39,
    version: 1,
    time: { from: "now-30m", to: "now" },
    timepicker: {},
    timezone: "browser",
    annotations: { list: [] },
    links: [],
    templating: { list: variables },
    panels,
  };
}

export function meshOverviewDashboard(): Record<string, unknown> {
  const edge = "{{service}} → {{dst_service}}";
  return dashboard("forex-mesh-overview", "forex-mesh / Mesh overview", [datasourceVar, windowVar], layout([
    { title: "Services (measured where requests land)", panels: [golden("service", "rate", "", "{{service}}"), golden("service", "success_ratio", "", "{{service}}"), golden("service", "p99", "", "{{service}}")] },
    { title: "Edges (measured by the caller)", panels: [golden("edge", "rate", "", edge), golden("edge", "success_ratio", "", edge), golden("edge", "p99", "", edge)] },
    {
      title: "Mesh health",
      panels: [
        { title: "Healthy instances (callers' view)", unit: "short", targets: [{ expr: MESH_RECORD.healthyInstances, legend: "{{service}}" }] },
        { title: "Instances answering scrapes", unit: "short", targets: [{ expr: MESH_RECORD.instancesUp, legend: "{{service}}" }] },
        {
          title: "Sidecars on the newest routing table",
          unit: "percentunit",
          max: 1,
          targets: [{ expr: `${MESH_RECORD.routeRevisionCurrent} / ${MESH_RECORD.routeRevisionSidecars}`, legend: "{{dst_service}}" }],
        },
      ],
    },
    {
      title: "Resilience per edge",
      panels: [
        { title: "Retries", unit: "reqps", targets: [{ expr: resilienceRecord("retries", "$window"), legend: edge }] },
        { title: "Retries refused by the budget", unit: "reqps", targets: [{ expr: resilienceRecord("retry_budget_exhausted", "$window"), legend: edge }] },
        { title: "Endpoint ejections", unit: "ops", targets: [{ expr: resilienceRecord("ejections", "$window"), legend: edge }] },
      ],
    },
  ]));
}

export function serviceDashboard(): Record<string, unknown> {
  const s = '{service="$service"}';
  const serviceVar = {
    name: "service",
    label: "Service",
    type: "query",
    datasource: DS,
    definition: `label_values(${goldenRecord("service_version", "rate", "5m")}, service)`,
    query: { query: `label_values(${goldenRecord("service_version", "rate", "5m")}, service)`, refId: "PrometheusVariableQueryEditor-VariableQuery" },
    refresh: 2,
    sort: 1,
    current: {},
    hide: 0,
  };
  const v = "{{version}}";
  return dashboard("forex-mesh-service", "forex-mesh / Service versions", [datasourceVar, windowVar, serviceVar], layout([
    { title: "$service: versions side by side", panels: [golden("service_version", "rate", s, v), golden("service_version", "success_ratio", s, v), golden("service_version", "p50", s, v)] },
    {
      title: "$service: latency tail and instances",
      panels: [
        golden("service_version", "p95", s, v),
        golden("service_version", "p99", s, v),
        { title: "Healthy instances", unit: "short", targets: [{ expr: `${MESH_RECORD.healthyInstancesByVersion}${s}`, legend: v }] },
      ],
    },
    {
      title: "$service: callers see (per version they reach)",
      panels: [
        golden("edge_version", "rate", '{dst_service="$service"}', "{{service}} → {{dst_version}}"),
        golden("edge_version", "success_ratio", '{dst_service="$service"}', "{{service}} → {{dst_version}}"),
        { title: "Routing revision per calling sidecar", unit: "none", targets: [{ expr: `${METRIC.routeRevision}{dst_service="$service"}`, legend: "{{instance}} ({{service}})" }] },
      ],
    },
    {
      title: "$service: its own calls",
      panels: [
        golden("edge_version", "rate", s, "→ {{dst_service}} {{dst_version}}"),
        golden("edge_version", "success_ratio", s, "→ {{dst_service}} {{dst_version}}"),
        golden("edge_version", "p99", s, "→ {{dst_service}} {{dst_version}}"),
      ],
    },
  ]));
}

/** File name under `dashboards/` → dashboard model. */
export function dashboards(): Record<string, Record<string, unknown>> {
  return { "mesh-overview.json": meshOverviewDashboard(), "service-versions.json": serviceDashboard() };
}
