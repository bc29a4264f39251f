// ConsulDiscovery against the real dev agent (spawned from its build by test-utils).
import { startDevAgent } from "@forex-mesh/test-utils";
import { consul } from "../integration/helpers.js";
import { ConsulDiscovery } from "./consul.js";
import { discoveryContract } from "./discovery.contract.js";

discoveryContract("ConsulDiscovery (dev agent)", async () => {
  const agent = await startDevAgent();
  // A fresh dev agent answers X-Consul-Index 1 for empty results and gives its very first write
  // index 1 too, so a blocking query started before that write sleeps through it until `wait`
  // ends (real Consul's raft index is past 1 before it serves). Reported to the dev agent; one
  // unrelated write first keeps this suite about ConsulDiscovery.
  await consul(agent, "PUT", "/v1/kv/contract-warm-up", "1");
  const discovery = new ConsulDiscovery({ address: agent.consulAddr, token: undefined, waitSeconds: 5 });
  const registered = new Set<string>();
  return {
    discovery,
    async setInstances(service, instances) {
      const wanted = new Set(instances.map((i) => i.id));
      for (const id of registered) {
        if (!wanted.has(id)) await consul(agent, "PUT", `/v1/agent/service/deregister/${id}`);
      }
      for (const i of instances) {
        // A TTL check marked passing: these ports have no server behind them.
        await consul(agent, "PUT", "/v1/agent/service/register", {
          ID: i.id,
          Name: service,
          Tags: i.canary ? ["canary"] : [],
          Address: i.address,
          Port: i.port,
          Meta: { version: i.version },
          Check: { TTL: "60s", Status: "passing" },
        });
      }
      registered.clear();
      for (const id of wanted) registered.add(id);
    },
    async setKey(key, value) {
      if (value === null) await consul(agent, "DELETE", `/v1/kv/${key}`);
      else await consul(agent, "PUT", `/v1/kv/${key}`, value);
    },
    async close() {
      await discovery.close();
      await agent.stop();
    },
  };
});
