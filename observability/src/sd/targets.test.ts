import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregatedStatus, type HealthEntry, targetGroup, targetGroups } from "./targets.js";

const entry = (over: Partial<HealthEntry["Service"]> = {}, checks: HealthEntry["Checks"] = []): HealthEntry => ({
  Node: { Node: "n1", Address: "10.0.0.1", Meta: { "consul-network-segment": "", "rack.id": "r7" }, TaggedAddresses: { lan: "10.0.0.1", wan: "1.2.3.4" } },
  Service: { ID: "_nomad-task-abc-api-forex-rate-ingress", Service: "forex-rate", Address: "", Port: 21001, Tags: ["canary", "v2"], Meta: { version: "v2", metrics_port: "21005", "alloc-id": "abc" }, ...over },
  Checks: checks,
});

test("labels are Prometheus' consul SD labels: node address when the service has none, tags wrapped in separators", () => {
  const group = targetGroup("dc1", entry());
  assert.deepEqual(group.targets, ["10.0.0.1:21001"]);
  assert.deepEqual(group.labels, {
    __meta_consul_address: "10.0.0.1",
    __meta_consul_dc: "dc1",
    __meta_consul_health: "passing",
    __meta_consul_node: "n1",
    __meta_consul_service: "forex-rate",
    __meta_consul_service_address: "",
    __meta_consul_service_id: "_nomad-task-abc-api-forex-rate-ingress",
    __meta_consul_service_port: "21001",
    __meta_consul_tags: ",canary,v2,",
    __meta_consul_metadata_consul_network_segment: "",
    __meta_consul_metadata_rack_id: "r7",
    __meta_consul_service_metadata_version: "v2",
    __meta_consul_service_metadata_metrics_port: "21005",
    __meta_consul_service_metadata_alloc_id: "abc",
    __meta_consul_tagged_address_lan: "10.0.0.1",
    __meta_consul_tagged_address_wan: "1.2.3.4",
  });
});

test("a service address wins over the node's; no tags gives an empty tags label", () => {
  const group = targetGroup("dc2", entry({ Address: "127.0.0.2", Tags: [] }));
  assert.deepEqual(group.targets, ["127.0.0.2:21001"]);
  assert.equal(group.labels.__meta_consul_tags, "");
  assert.equal(group.labels.__meta_consul_dc, "dc2");
});

test("health aggregates like Consul: maintenance > critical > warning > passing, unknown status is empty", () => {
  const c = (CheckID: string, Status: string) => ({ CheckID, Status });
  assert.equal(aggregatedStatus([]), "passing");
  assert.equal(aggregatedStatus([c("serfHealth", "passing"), c("service:x", "warning")]), "warning");
  assert.equal(aggregatedStatus([c("service:x", "warning"), c("service:y", "critical")]), "critical");
  assert.equal(aggregatedStatus([c("service:x", "critical"), c("_service_maintenance:x", "critical")]), "maintenance");
  assert.equal(aggregatedStatus([c("_node_maintenance", "critical")]), "maintenance");
  assert.equal(aggregatedStatus([c("service:x", "bogus")]), "");
});

test("one group per instance, services in name order", () => {
  const groups = targetGroups(
    "dc1",
    new Map([
      ["forex-web", [entry({ Service: "forex-web", ID: "w1" })]],
      ["forex-rate", [entry({ ID: "r1" }), entry({ ID: "r2", Port: 21009 })]],
      ["consul", []],
    ]),
  );
  assert.deepEqual(groups.map((g) => g.labels.__meta_consul_service_id), ["r1", "r2", "w1"]);
  assert.deepEqual(groups[1]!.targets, ["10.0.0.1:21009"]);
});
