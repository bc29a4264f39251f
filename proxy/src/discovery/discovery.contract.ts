/**
 * @module The Discovery contract, one suite run against every implementation: the in-memory test
 * double and ConsulDiscovery against the dev agent. If the double drifts from what Consul really
 * does, this suite fails on the double's side.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import type { Discovery, Instance, KeyValue } from "./types.js";

export interface ContractHarness {
  discovery: Discovery;
  /** Makes `instances` the passing set of `service` (registering and deregistering as needed). */
  setInstances(service: string, instances: Instance[]): Promise<void>;
  /** Writes (or with null deletes) a key. */
  setKey(key: string, value: string | null): Promise<void>;
  close(): Promise<void>;
}

export function discoveryContract(name: string, make: () => Promise<ContractHarness>): void {
  test(`${name}: a service watch delivers the passing set, then every change`, async (t) => {
    const h = await make();
    t.after(() => h.close());
    const seen: Instance[][] = [];
    const watch = h.discovery.watchService("contract-svc", (list) => seen.push(list));
    t.after(() => watch.stop());
    await waitFor("the first answer", () => seen.length > 0);
    assert.deepEqual(seen.at(-1), []);
    assert.equal(watch.status().ready, true);

    const a: Instance = { id: "contract-a", address: "127.0.0.1", port: 21001, version: "v1", canary: false };
    const b: Instance = { id: "contract-b", address: "127.0.0.1", port: 21002, version: "v2", canary: true };
    await h.setInstances("contract-svc", [a, b]);
    const byId = (list: Instance[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    await waitFor("both instances", () => seen.at(-1)?.length === 2);
    assert.deepEqual(byId(seen.at(-1)!), [a, b]);

    await h.setInstances("contract-svc", [b]);
    await waitFor("one left", () => seen.at(-1)?.length === 1);
    assert.deepEqual(seen.at(-1), [b]);
    assert.equal(watch.status().staleSeconds, 0);
  });

  test(`${name}: a key watch delivers null for a missing key, then values with rising revisions`, async (t) => {
    const h = await make();
    t.after(() => h.close());
    const seen: Array<KeyValue | null> = [];
    const watch = h.discovery.watchKey("forex-mesh/routes/contract", (entry) => seen.push(entry));
    t.after(() => watch.stop());
    await waitFor("the first answer", () => seen.length > 0);
    assert.equal(seen.at(-1), null);

    await h.setKey("forex-mesh/routes/contract", '{"split":[{"version":"v1","weight":100}]}');
    await waitFor("the value", () => seen.at(-1)?.value === '{"split":[{"version":"v1","weight":100}]}');
    const first = seen.at(-1)!.modifyIndex;
    await h.setKey("forex-mesh/routes/contract", "second");
    await waitFor("the second value", () => seen.at(-1)?.value === "second");
    assert.ok(seen.at(-1)!.modifyIndex > first, "the revision did not rise");

    await h.setKey("forex-mesh/routes/contract", null);
    await waitFor("the deletion", () => seen.length > 0 && seen.at(-1) === null);
  });
}
