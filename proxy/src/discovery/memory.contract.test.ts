import { MemoryDiscovery } from "../test/memory-discovery.js";
import { discoveryContract } from "./discovery.contract.js";

discoveryContract("MemoryDiscovery (test double)", async () => {
  const discovery = new MemoryDiscovery();
  return {
    discovery,
    setInstances: async (service, instances) => discovery.setInstances(service, instances),
    setKey: async (key, value) => {
      discovery.setKey(key, value);
    },
    close: async () => undefined,
  };
});
