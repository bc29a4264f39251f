/** Test helper: the Consul HTTP app over a fresh durable store, listening on 127.0.0.1 port 0. */
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { listenOn } from "@forex-mesh/test-utils";
import { DurableStore } from "../store/durable-store.js";
import { WatchHub } from "../store/watch-hub.js";
import { createConsulApp } from "./app.js";
import { AnswerCache } from "./blocking.js";

export async function startApp(t: TestContext, now: () => number = () => 1_000): Promise<string> {
  const hub = new WatchHub();
  const store = await DurableStore.open({ dataDir: await mkdtemp(join(tmpdir(), "app-test-")), onApplied: (r) => hub.notify(r) });
  const server = createServer(
    createConsulApp({
      store,
      hub,
      node: { name: "dev", id: "id", address: "127.0.0.1", datacenter: "dc1" },
      now,
      random: () => 0,
      currentIndex: () => store.state.index,
      ttlTouched: () => {},
      version: "test",
      answers: new AnswerCache(),
    }),
  );
  const base = await listenOn(server);
  t.after(async () => {
    server.closeAllConnections();
    server.close();
    await store.close();
  });
  return base;
}
