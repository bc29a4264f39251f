/**
 * @module MockConsul: a stand-in for the three Consul catalog reads service discovery makes
 * (`/v1/agent/self`, `/v1/catalog/services`, `/v1/health/service/<name>`), in the response shapes of
 * nomad-consul-api.md §B3. It is a mock, used because the real dev agent is built elsewhere; it
 * answers immediately (no blocking queries) with a constant `X-Consul-Index`.
 */
import { createServer, type Server } from "node:http";
import { listenOn } from "@forex-mesh/test-utils";

export interface MockInstance {
  service: string;
  id: string;
  port: number;
  address?: string;
  tags?: string[];
  meta?: Record<string, string>;
  status?: "passing" | "warning" | "critical";
}

export interface MockConsul {
  url: string;
  /** `host:port` for CONSUL_HTTP_ADDR. */
  addr: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** When set, every request answers 500 (Consul down behind a proxy). */
  failing: boolean;
  close(): Promise<void>;
}

const NODE = {
  ID: "0b5a2f57-4c5e-4e0a-8d59-1f2e3d4c5b6a",
  Node: "mock-node",
  Address: "127.0.0.1",
  Datacenter: "dc1",
  TaggedAddresses: { lan: "127.0.0.1", wan: "127.0.0.1" },
  Meta: { "consul-network-segment": "" },
  CreateIndex: 5,
  ModifyIndex: 5,
};

function entry(i: MockInstance): unknown {
  const status = i.status ?? "passing";
  return {
    Node: NODE,
    Service: {
      ID: i.id,
      Service: i.service,
      Tags: i.tags ?? [],
      Address: i.address ?? "127.0.0.1",
      Port: i.port,
      Meta: i.meta ?? {},
      TaggedAddresses: { lan_ipv4: { Address: i.address ?? "127.0.0.1", Port: i.port } },
      Weights: { Passing: 1, Warning: 1 },
      EnableTagOverride: false,
      CreateIndex: 12,
      ModifyIndex: 12,
    },
    Checks: [
      { Node: NODE.Node, CheckID: "serfHealth", Name: "Serf Health Status", Status: "passing", ServiceID: "", ServiceName: "" },
      { Node: NODE.Node, CheckID: `service:${i.id}`, Name: `Service '${i.service}' check`, Status: status, ServiceID: i.id, ServiceName: i.service },
    ],
  };
}

export async function startMockConsul(instances: MockInstance[]): Promise<MockConsul> {
  const requests: string[] = [];
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://mock");
    requests.push(url.pathname);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { "content-type": "application/json", "x-consul-index": "42", "x-consul-knownleader": "true" });
      res.end(JSON.stringify(body));
    };
    if (state.failing) return send(500, { error: "mock consul told to fail" });
    if (req.method !== "GET") return send(405, { error: "method not allowed" });
    if (url.pathname === "/v1/agent/self") {
      return send(200, { Config: { Datacenter: "dc1", NodeName: NODE.Node, Server: true, Version: "1.22.0" }, Member: { Name: NODE.Node, Addr: "127.0.0.1", Port: 8301, Tags: {}, Status: 1 }, Stats: {}, Meta: {}, xDS: null });
    }
    if (url.pathname === "/v1/catalog/services") {
      const services: Record<string, string[]> = { consul: [] };
      for (const i of instances) services[i.service] = [...new Set([...(services[i.service] ?? []), ...(i.tags ?? [])])];
      return send(200, services);
    }
    if (url.pathname.startsWith("/v1/health/service/")) {
      const name = decodeURIComponent(url.pathname.slice("/v1/health/service/".length));
      return send(200, instances.filter((i) => i.service === name).map(entry));
    }
    return send(404, { error: `mock consul has no ${url.pathname}` });
  });
  const url = await listenOn(server);
  return {
    url,
    addr: url.replace("http://", ""),
    requests,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
