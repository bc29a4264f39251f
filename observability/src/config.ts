/**
 * @module prometheus.yml as data. Targets come from the `forex-consul-sd` bridge over HTTP SD (the
 * bridge alone knows the Consul address); intervals, relabelling and rule files are fixed.
 */
import type { ConsulTarget } from "./env.js";
import { SIDECAR_JOB } from "./names.js";

export const SCRAPE_INTERVAL = "5s";

export interface PrometheusConfigInput {
  consul: ConsulTarget;
  sdUrl: string;
  agentMetrics: boolean;
  /** The `rule_files` glob as written in the file (relative paths resolve against the file's folder). */
  ruleFilesGlob: string;
}

type Relabel = Record<string, string | string[]>;

/** From Consul's `__meta_consul_*` labels to clean target labels; targets without `metrics_port` are dropped. */
export const SIDECAR_RELABELS: Relabel[] = [
  { source_labels: ["__meta_consul_service_metadata_metrics_port"], regex: "[0-9]+", action: "keep" },
  // Scrape the admin port, not the registered (ingress) port: node address first, service address wins.
  {
    source_labels: ["__meta_consul_address", "__meta_consul_service_metadata_metrics_port"],
    regex: "(.+);([0-9]+)",
    target_label: "__address__",
    replacement: "$1:$2",
  },
  {
    source_labels: ["__meta_consul_service_address", "__meta_consul_service_metadata_metrics_port"],
    regex: "(.+);([0-9]+)",
    target_label: "__address__",
    replacement: "$1:$2",
  },
  { source_labels: ["__address__"], target_label: "instance" },
  { source_labels: ["__meta_consul_service"], target_label: "service" },
  { source_labels: ["__meta_consul_service_metadata_version"], target_label: "version" },
  { source_labels: ["__meta_consul_service_metadata_alloc_id"], target_label: "alloc" },
];

export function prometheusConfig({ consul, sdUrl, agentMetrics, ruleFilesGlob }: PrometheusConfigInput): Record<string, unknown> {
  const scrapeConfigs: Array<Record<string, unknown>> = [
    {
      job_name: SIDECAR_JOB,
      metrics_path: "/metrics",
      // The sidecar's own `service` label equals the Consul service name; honouring it avoids an
      // `exported_service` copy on every series.
      honor_labels: true,
      // The bridge emits Prometheus' own consul SD labels; with an upstream Prometheus build,
      // `consul_sd_configs: [{ server, refresh_interval: 5s }]` here takes the same relabelling.
      http_sd_configs: [{ url: sdUrl, refresh_interval: SCRAPE_INTERVAL }],
      relabel_configs: SIDECAR_RELABELS,
    },
  ];
  if (agentMetrics) {
    scrapeConfigs.push({
      job_name: "consul-agent",
      metrics_path: "/v1/agent/metrics",
      params: { format: ["prometheus"] },
      scheme: consul.scheme,
      ...(consul.token ? { authorization: { credentials: consul.token } } : {}),
      static_configs: [{ targets: [consul.server] }],
    });
  }
  return {
    global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
    rule_files: [ruleFilesGlob],
    scrape_configs: scrapeConfigs,
  };
}
