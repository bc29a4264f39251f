/**
 * The npm `consul` client (what the console and sidecar use) against a real agent process:
 * register with an HTTP check, see the agent's own checker turn it passing, then follow
 * `health.service` with the client's `watch` helper as instances come and go.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { listenOn, waitFor } from "@forex-mesh/test-utils";
import { agentWithClient, nextChange, startWatch } from "./helpers.js";

interface Entry {
  Service: { ID: string };
  Checks: { CheckID: string; Status: string }[];
}

test("a registered service turns passing and health.service watchers follow instances in and out", async (t) => {
  const { agent, consul } = await agentWithClient();
  t.after(() => agent.stop());
  const app = createServer((req, res) => res.end(req.url === "/health" ? "ok" : "?"));
  const appUrl = await listenOn(app);
  t.after(() => app.close());
  const port = Number(new URL(appUrl).port);

  await consul.agent.service.register({
    name: "web",
    id: "web-1",
    address: "127.0.0.1",
    port,
    tags: ["v1"],
    meta: { version: "v1" },
    check: { name: "web health", http: `${appUrl}/health`, interval: "1s", timeout: "1s" },
  });
  const checks = (await consul.agent.check.list()) as Record<string, { Status: string }>;
  assert.equal(checks["service:web-1"]?.Status, "critical", "a new check starts critical");

  const passing = await waitFor("web-1 to pass its HTTP check", async () => {
    const entries = (await consul.health.service({ service: "web", passing: true })) as Entry[];
    return entries.length === 1 ? entries : undefined;
  });
  assert.equal(passing[0]?.Checks.find((c) => c.CheckID === "service:web-1")?.Status, "passing");

  const { watch, errors } = startWatch(consul, { method: consul.health.service, options: { service: "web", passing: true, wait: "5s" } as never });
  t.after(() => watch.end());
  const ids = (data: Entry[]): string[] => data.map((e) => e.Service.ID).sort();
  await nextChange<Entry[]>(watch, (d) => ids(d).join() === "web-1");

  const second = nextChange<Entry[]>(watch, (d) => ids(d).join() === "web-1,web-2");
  await consul.agent.service.register({ name: "web", id: "web-2", address: "127.0.0.1", port, check: { name: "web-2 ttl", ttl: "30s", timeout: "1s", status: "passing" } });
  await second;

  const gone = nextChange<Entry[]>(watch, (d) => ids(d).join() === "web-2");
  await consul.agent.service.deregister("web-1");
  await gone;
  watch.end();
  assert.deepEqual(errors, []);
});
