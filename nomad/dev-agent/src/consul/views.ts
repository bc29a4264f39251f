/**
 * @module consul/views: the JSON shapes Consul answers with, built from store records. Go clients
 * (Prometheus) decode these strictly: ports are numbers, Node.TaggedAddresses is a string map,
 * Service.TaggedAddresses a map of {Address, Port}, lists are [] and never null.
 */
import type { CheckRecord, ServiceRecord } from "../store/types.js";

export interface NodeInfo {
  name: string;
  id: string;
  address: string;
  datacenter: string;
}

/** The node-level check every Consul agent carries; our single node is always alive. */
export const SERF_CHECK_ID = "serfHealth";

export function nodeView(node: NodeInfo): Record<string, unknown> {
  return {
    ID: node.id,
    Node: node.name,
    Address: node.address,
    Datacenter: node.datacenter,
    TaggedAddresses: { lan: node.address, lan_ipv4: node.address, wan: node.address, wan_ipv4: node.address },
    Meta: { "consul-network-segment": "" },
    CreateIndex: 1,
    ModifyIndex: 1,
  };
}

export function agentServiceView(s: ServiceRecord, node: NodeInfo): Record<string, unknown> {
  return {
    Kind: s.kind || undefined,
    ID: s.id,
    Service: s.name,
    Tags: s.tags,
    Meta: s.meta,
    Port: s.port,
    Address: s.address,
    TaggedAddresses: s.taggedAddresses,
    Weights: s.weights,
    EnableTagOverride: s.enableTagOverride,
    Datacenter: node.datacenter,
  };
}

/** `Service` inside a health ServiceEntry. */
export function healthServiceView(s: ServiceRecord): Record<string, unknown> {
  return {
    ID: s.id,
    Service: s.name,
    Tags: s.tags,
    Address: s.address,
    Meta: s.meta,
    Port: s.port,
    TaggedAddresses: s.taggedAddresses,
    Weights: s.weights,
    EnableTagOverride: s.enableTagOverride,
    Kind: s.kind,
    Proxy: { MeshGateway: {}, Expose: {} },
    Connect: {},
    Namespace: "",
    Partition: "",
    CreateIndex: s.createIndex,
    ModifyIndex: s.modifyIndex,
  };
}

export function catalogServiceView(s: ServiceRecord, node: NodeInfo): Record<string, unknown> {
  const n = nodeView(node);
  return {
    ID: node.id,
    Node: node.name,
    Address: node.address,
    Datacenter: node.datacenter,
    TaggedAddresses: n["TaggedAddresses"],
    NodeMeta: n["Meta"],
    ServiceKind: s.kind,
    ServiceID: s.id,
    ServiceName: s.name,
    ServiceTags: s.tags,
    ServiceAddress: s.address,
    ServicePort: s.port,
    ServiceMeta: s.meta,
    ServiceTaggedAddresses: s.taggedAddresses,
    ServiceWeights: s.weights,
    ServiceEnableTagOverride: s.enableTagOverride,
    ServiceProxy: { MeshGateway: {}, Expose: {} },
    ServiceConnect: {},
    CreateIndex: s.createIndex,
    ModifyIndex: s.modifyIndex,
  };
}

export function checkView(c: CheckRecord, node: NodeInfo, serviceTags: string[]): Record<string, unknown> {
  const d = c.definition;
  const definition: Record<string, unknown> = {};
  if (d.http) definition["HTTP"] = d.http;
  if (d.tcp) definition["TCP"] = d.tcp;
  if (d.interval) definition["Interval"] = d.interval;
  if (d.timeout) definition["Timeout"] = d.timeout;
  if (d.ttl) definition["TTL"] = d.ttl;
  if (d.deregisterCriticalServiceAfter) definition["DeregisterCriticalServiceAfter"] = d.deregisterCriticalServiceAfter;
  return {
    Node: node.name,
    CheckID: c.id,
    Name: c.name,
    Status: c.status,
    Notes: c.notes,
    Output: c.output,
    ServiceID: c.serviceId,
    ServiceName: c.serviceName,
    ServiceTags: serviceTags,
    Type: d.type,
    Interval: d.interval ?? "",
    Timeout: d.timeout ?? "",
    ExposedPort: 0,
    Definition: definition,
    CreateIndex: c.createIndex,
    ModifyIndex: c.modifyIndex,
  };
}

export function serfCheckView(node: NodeInfo): Record<string, unknown> {
  return {
    Node: node.name,
    CheckID: SERF_CHECK_ID,
    Name: "Serf Health Status",
    Status: "passing",
    Notes: "",
    Output: "Agent alive and reachable",
    ServiceID: "",
    ServiceName: "",
    ServiceTags: [],
    Type: "",
    Interval: "",
    Timeout: "",
    ExposedPort: 0,
    Definition: {},
    CreateIndex: 1,
    ModifyIndex: 1,
  };
}
