/**
 * @module schema-services: schema tables for `network`/`port` and `service`/`check`, the blocks that
 * carry most of a Nomad job's wiring (see schema.ts for the conventions).
 */
import { type BlockSchema, many, mapBlock, type Obj, one } from "./decode.js";

const portSchema: BlockSchema = {
  shape: { Label: "", Value: 0, To: 0, HostNetwork: "" },
  label: "Label",
  attrs: { static: ["Value", "int"], to: ["To", "int"], host_network: ["HostNetwork", "string"] },
};

/** jobspec2 collects every `port` block, then puts static ones in ReservedPorts and the rest in DynamicPorts. */
function finishNetwork(out: Obj): void {
  const ports = (out._ports as Obj[] | null) ?? [];
  delete out._ports;
  const reserved = ports.filter((p) => (p.Value as number) > 0);
  const dynamic = ports.filter((p) => !((p.Value as number) > 0));
  out.ReservedPorts = reserved.length ? reserved : null;
  out.DynamicPorts = dynamic.length ? dynamic : null;
}

export const networkSchema: BlockSchema = {
  shape: { Mode: "", Device: "", CIDR: "", IP: "", Hostname: "", MBits: null, DNS: null, ReservedPorts: null, DynamicPorts: null, CNI: null },
  attrs: { mode: ["Mode", "string"], mbits: ["MBits", "int"], hostname: ["Hostname", "string"] },
  blocks: { port: many("_ports", portSchema) },
  finish: finishNetwork,
};

const checkRestartSchema: BlockSchema = {
  shape: { Limit: 0, Grace: null, IgnoreWarnings: false },
  attrs: { limit: ["Limit", "int"], grace: ["Grace", "duration"], ignore_warnings: ["IgnoreWarnings", "bool"] },
};

const checkSchema: BlockSchema = {
  shape: {
    Name: "", Type: "", Command: "", Args: null, Path: "", Protocol: "", PortLabel: "", Expose: false, AddressMode: "",
    Advertise: "", Interval: 0, Timeout: 0, InitialStatus: "", Notes: "", TLSServerName: "", TLSSkipVerify: false,
    Header: null, Method: "", CheckRestart: null, GRPCService: "", GRPCUseTLS: false, TaskName: "",
    SuccessBeforePassing: 0, FailuresBeforeCritical: 0, FailuresBeforeWarning: 0, Body: "", OnUpdate: "",
  },
  attrs: {
    name: ["Name", "string"],
    type: ["Type", "string"],
    command: ["Command", "string"],
    args: ["Args", "strings"],
    path: ["Path", "string"],
    protocol: ["Protocol", "string"],
    port: ["PortLabel", "string"],
    expose: ["Expose", "bool"],
    address_mode: ["AddressMode", "string"],
    interval: ["Interval", "duration"],
    timeout: ["Timeout", "duration"],
    initial_status: ["InitialStatus", "string"],
    notes: ["Notes", "string"],
    tls_server_name: ["TLSServerName", "string"],
    tls_skip_verify: ["TLSSkipVerify", "bool"],
    method: ["Method", "string"],
    body: ["Body", "string"],
    grpc_service: ["GRPCService", "string"],
    grpc_use_tls: ["GRPCUseTLS", "bool"],
    task: ["TaskName", "string"],
    success_before_passing: ["SuccessBeforePassing", "int"],
    failures_before_critical: ["FailuresBeforeCritical", "int"],
    failures_before_warning: ["FailuresBeforeWarning", "int"],
    on_update: ["OnUpdate", "string"],
    header: ["Header", "headers"],
  },
  blocks: { header: { field: "Header", kind: "map", values: "strings" }, check_restart: one("CheckRestart", checkRestartSchema) },
};

export const serviceSchema: BlockSchema = {
  shape: {
    Name: "", Tags: null, CanaryTags: null, EnableTagOverride: false, PortLabel: "", AddressMode: "", Address: "",
    Checks: null, CheckRestart: null, Connect: null, Meta: null, CanaryMeta: null, TaggedAddresses: null, TaskName: "",
    OnUpdate: "", Identity: null, Weights: null, Provider: "", Cluster: "",
  },
  attrs: {
    name: ["Name", "string"],
    tags: ["Tags", "strings"],
    canary_tags: ["CanaryTags", "strings"],
    enable_tag_override: ["EnableTagOverride", "bool"],
    port: ["PortLabel", "string"],
    address_mode: ["AddressMode", "string"],
    address: ["Address", "string"],
    task: ["TaskName", "string"],
    on_update: ["OnUpdate", "string"],
    provider: ["Provider", "string"],
    cluster: ["Cluster", "string"],
    meta: ["Meta", "stringMap"],
    canary_meta: ["CanaryMeta", "stringMap"],
    tagged_addresses: ["TaggedAddresses", "stringMap"],
  },
  blocks: {
    check: many("Checks", checkSchema),
    check_restart: one("CheckRestart", checkRestartSchema),
    meta: mapBlock("Meta"),
    canary_meta: mapBlock("CanaryMeta"),
    tagged_addresses: mapBlock("TaggedAddresses"),
  },
};
