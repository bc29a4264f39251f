// Proof: an override pins the version on every hop of a path. The client calls the web sidecar's
// egress with the header (or the cookie); the converter instance's sidecar ingress hands the app
// the header; the app passes it to its own egress; the rate call lands on the same version.
// Without an override both hops follow the table (100% v1).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { listenOn, startDevAgent, waitFor } from "@forex-mesh/test-utils";
import { get } from "../test/client.js";
import { startUpstream, type Upstream } from "../test/harness.js";
import { type ProxyProcess, putRoutes, register, startProxyProcess, upstreamOf } from "./helpers.js";

test("header and cookie overrides hold through two hops", async (t) => {
  const agent = await startDevAgent();
  const closers: Array<() => Promise<unknown>> = [];
  t.after(async () => {
    for (const close of closers.reverse()) await close();
    await agent.stop();
  });
  const track = <T extends { close(): Promise<unknown> } | ProxyProcess>(x: T): T => {
    closers.push("process" in x ? () => x.process.stop() : () => x.close());
    return x;
  };

  const rates: Record<string, Upstream> = {};
  for (const version of ["v1", "v2"]) {
    rates[version] = track(await startUpstream(version));
    await register(agent, { id: `rate-${version}`, name: "forex-rate", port: rates[version]!.port, version });
  }
  // A converter app per version: answers with its version and what its forex-rate call returned,
  // passing the override header on as the services do.
  for (const version of ["v1", "v2"]) {
    let egress = "";
    const server = createServer(async (req, res) => {
      if (req.url === "/readyz" || req.url === "/health") return res.end("ok");
      const pin = req.headers["x-forex-version"];
      const rate = await get(`${egress}/rate`, { host: "forex-rate", ...(typeof pin === "string" ? { "x-forex-version": pin } : {}) });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ converter: version, rate: rate.json<{ version: string }>().version, sawHeader: pin ?? null }));
    });
    const url = await listenOn(server);
    closers.push(() => new Promise((r) => server.close(r)));
    const sidecar = track(
      await startProxyProcess(agent, ["--service", "forex-converter", "--version", version, "--app-port", new URL(url).port, "--upstream", "forex-rate"]),
    );
    egress = sidecar.url("egress");
    await register(agent, { id: `conv-${version}`, name: "forex-converter", port: sidecar.ports.ingress, version, checkPath: "/health" });
  }
  const table = { split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }] };
  const rRate = await putRoutes(agent, "forex-rate", table);
  const rConv = await putRoutes(agent, "forex-converter", table);
  const web = track(await startProxyProcess(agent, ["--service", "forex-web", "--app-port", "1", "--upstream", "forex-converter"]));
  await waitFor("tables and instances applied", async () => {
    const u = upstreamOf(await web.routes(), "forex-converter");
    return u.revision === rConv && u.endpoints.length === 2;
  });
  void rRate;

  const call = (headers: Record<string, string>) => get(`${web.url("egress")}/convert`, { host: "forex-converter", ...headers });
  await waitFor("the converters reach forex-rate", async () => (await call({})).status === 200, { timeoutMs: 15_000 });

  assert.deepEqual((await call({})).json(), { converter: "v1", rate: "v1", sawHeader: null });
  for (let i = 0; i < 5; i++) {
    assert.deepEqual((await call({ "x-forex-version": "v2" })).json(), { converter: "v2", rate: "v2", sawHeader: "v2" });
    // The cookie reaches the converter's app as the header, so the app's next call keeps the path.
    assert.deepEqual((await call({ cookie: "session=1; forex-version=v2" })).json(), { converter: "v2", rate: "v2", sawHeader: "v2" });
  }
  // An override to a version nobody runs falls back to the table.
  assert.deepEqual((await call({ "x-forex-version": "v9" })).json(), { converter: "v1", rate: "v1", sawHeader: "v9" });
});
