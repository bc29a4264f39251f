/**
 * @module The rule files as data: golden recording rules for every level and window, mesh-health
 * records and the alerts. `generate` writes them to `rules/*.rules.yml`; a test keeps the committed
 * files equal to this, so PromQL has one home.
 */
import {
  ALERT,
  FAILURE_CODE_CLASSES,
  GOLDEN_STATS,
  goldenRecord,
  helperRecord,
  LEVELS,
  type Level,
  MESH_RECORD,
  METRIC,
  QUANTILES,
  RESILIENCE_KINDS,
  resilienceRecord,
  SIDECAR_JOB,
  WINDOWS,
  type Window,
} from "./names.js";

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string };
}

export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertingRule>;
}

export interface RuleFile {
  /** File name under `rules/`. */
  file: string;
  groups: RuleGroup[];
}

const failures = FAILURE_CODE_CLASSES.join("|");

function goldenGroup(level: Level, window: Window): RuleGroup {
  const { direction, by } = LEVELS[level];
  const labels = by.join(", ");
  const rate = (filter: string): string =>
    `sum by (${labels}) (rate(${METRIC.requests}{direction="${direction}"${filter}}[${window}]))`;
  const total = goldenRecord(level, "rate", window);
  const success = helperRecord(level, "success_rate", window);
  const buckets = helperRecord(level, "bucket_rate", window);
  const rules: RecordingRule[] = [
    { record: total, expr: rate("") },
    { record: success, expr: rate(`,code_class!~"${failures}"`) },
    // A version answering only failures has no success series at all: count it as 0, not absent.
    { record: goldenRecord(level, "success_ratio", window), expr: `(${success} or 0 * ${total}) / ${total}` },
    {
      record: buckets,
      expr: `sum by (${labels}, le) (rate(${METRIC.duration}_bucket{direction="${direction}"}[${window}]))`,
    },
  ];
  for (const stat of GOLDEN_STATS) {
    if (stat === "rate" || stat === "success_ratio") continue;
    rules.push({ record: goldenRecord(level, stat, window), expr: `histogram_quantile(${QUANTILES[stat]}, ${buckets})` });
  }
  return { name: `forex-golden-${level.replaceAll("_", "-")}-${window}`, rules };
}

/** Maps `dst_*` labels of a caller-side series onto `service`/`version`, as the destination's own. */
const asDestination = (expr: string, withVersion: boolean): string => {
  const service = `label_replace(${expr}, "service", "$1", "dst_service", "(.*)")`;
  return withVersion ? `label_replace(${service}, "version", "$1", "dst_version", "(.*)")` : service;
};

function meshGroup(): RuleGroup {
  return {
    name: "forex-mesh-health",
    rules: [
      {
        record: MESH_RECORD.healthyInstances,
        // A sidecar may drop the gauges of versions that vanished from discovery; its route revision
        // (reported for every upstream it watches) then stands for "watches it, sees none".
        expr: `max by (service) (${asDestination(
          `sum by (instance, dst_service) (${METRIC.healthyEndpoints}) or 0 * max by (instance, dst_service) (${METRIC.routeRevision})`,
          false,
        )})`,
      },
      {
        record: MESH_RECORD.healthyInstancesByVersion,
        expr: `max by (service, version) (${asDestination(`sum by (instance, dst_service, dst_version) (${METRIC.healthyEndpoints})`, true)})`,
      },
      { record: MESH_RECORD.instancesUp, expr: `sum by (service) (up{job="${SIDECAR_JOB}"})` },
      { record: MESH_RECORD.routeRevisionNewest, expr: `max by (dst_service) (${METRIC.routeRevision})` },
      {
        record: MESH_RECORD.routeRevisionCurrent,
        expr: `count by (dst_service) (${METRIC.routeRevision} == on (dst_service) group_left () ${MESH_RECORD.routeRevisionNewest})`,
      },
      { record: MESH_RECORD.routeRevisionSidecars, expr: `count by (dst_service) (${METRIC.routeRevision})` },
    ],
  };
}

function resilienceGroup(): RuleGroup {
  const metric = { retries: METRIC.retries, retry_budget_exhausted: METRIC.retryBudgetExhausted, ejections: METRIC.ejections };
  const rules: RecordingRule[] = [];
  for (const window of WINDOWS) {
    for (const kind of RESILIENCE_KINDS) {
      rules.push({ record: resilienceRecord(kind, window), expr: `sum by (service, dst_service) (rate(${metric[kind]}[${window}]))` });
    }
  }
  return { name: "forex-mesh-resilience", rules };
}

function alertGroup(): RuleGroup {
  return {
    name: "forex-mesh-alerts",
    rules: [
      {
        alert: ALERT.successRatioLow,
        expr: `${goldenRecord("service_version", "success_ratio", "30s")} < 0.99`,
        for: "2m",
        labels: { severity: "critical" },
        annotations: {
          summary: "{{ $labels.service }} {{ $labels.version }} answers below 99% success",
          description: "Success ratio over 30 s has been {{ $value | humanizePercentage }} for 2 minutes.",
        },
      },
      {
        alert: ALERT.latencyP99High,
        expr: `${goldenRecord("service_version", "p99", "30s")} > 0.5`,
        for: "5m",
        labels: { severity: "warning" },
        annotations: {
          summary: "{{ $labels.service }} {{ $labels.version }} p99 latency above 500 ms",
          description: "p99 over 30 s has been {{ $value | humanizeDuration }} for 5 minutes.",
        },
      },
      {
        alert: ALERT.noHealthyInstance,
        // Callers see no passing instance in Consul, or no instance answers its scrape.
        expr: `${MESH_RECORD.healthyInstances} == 0 or ${MESH_RECORD.instancesUp} == 0`,
        for: "30s",
        labels: { severity: "critical" },
        annotations: {
          summary: "{{ $labels.service }} has no healthy instance",
          description: "No caller sees a passing instance of {{ $labels.service }}, or none answers its scrape.",
        },
      },
      {
        alert: ALERT.routeRevisionLagging,
        expr: `${METRIC.routeRevision} < on (dst_service) group_left () ${MESH_RECORD.routeRevisionNewest}`,
        for: "1m",
        labels: { severity: "warning" },
        annotations: {
          summary: "Sidecar {{ $labels.instance }} ({{ $labels.service }}) routes {{ $labels.dst_service }} on an old table",
          description: "It applied revision {{ $value }} while other sidecars applied a newer one, for 1 minute.",
        },
      },
      {
        alert: ALERT.discoveryStale,
        // The gauge counts seconds since discovery last heard from Consul, so >= 60 is "stale for 1 m".
        expr: `${METRIC.discoveryStale} >= 60`,
        labels: { severity: "warning" },
        annotations: {
          summary: "Sidecar {{ $labels.instance }} ({{ $labels.service }}) has stale discovery for {{ $labels.dst_service }}",
          description: "It last heard from Consul {{ $value | humanizeDuration }} ago and serves the last known endpoints.",
        },
      },
    ],
  };
}

/** Every rule file this package ships, in a stable order. */
export function ruleFiles(): RuleFile[] {
  const golden: RuleGroup[] = [];
  for (const level of Object.keys(LEVELS) as Level[]) {
    for (const window of WINDOWS) golden.push(goldenGroup(level, window));
  }
  return [
    { file: "golden.rules.yml", groups: golden },
    { file: "mesh.rules.yml", groups: [meshGroup(), resilienceGroup()] },
    { file: "alerts.rules.yml", groups: [alertGroup()] },
  ];
}

/** Names of all recording rules, for checks that a query only reads what is recorded. */
export function recordedNames(): string[] {
  return ruleFiles().flatMap((f) => f.groups.flatMap((g) => g.rules.flatMap((r) => ("record" in r ? [r.record] : []))));
}
