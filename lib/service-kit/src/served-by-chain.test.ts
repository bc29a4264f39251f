// x-forex-served-by through real HTTP: a service-kit app calling an upstream with outboundHeaders
// answers its own entry followed by the upstream's chain, also on errors after the call; an
// answer that used no upstream names only itself; a copied headers object loses the link.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { Writable } from "node:stream";
import { test } from "node:test";
import { listenOn } from "@forex-mesh/test-utils";
import { HttpError } from "./errors.js";
import { createLogger } from "./logger.js";
import { contextOf, outboundHeaders } from "./request-context.js";
import { serve } from "./serve.js";
import { createServiceApp } from "./service-app.js";
import { createUpstream } from "./upstream.js";

test("the chain is this service then the upstream's, capped, on success and on error", async (t) => {
  const rate = createServer((req, res) => {
    const chain = req.url === "/long" ? Array.from({ length: 80 }, (_, i) => `svc-${i}=v1`).join(", ") : "forex-rate=v2";
    res.writeHead(req.url === "/missing" ? 404 : 200, { "content-type": "application/json", "x-forex-served-by": chain });
    res.end("{}");
  });
  const rateUrl = await listenOn(rate);
  t.after(() => rate.close());
  const upstream = createUpstream({ url: rateUrl, timeoutMs: 1000, name: "forex-rate" });
  t.after(() => upstream.close());
  const logger = createLogger({ service: "forex-converter", version: "v1", destination: new Writable({ write: (_c, _e, done) => done() }) });
  const app = createServiceApp({
    logger,
    service: "forex-converter",
    version: "v1",
    faults: { errorRatio: 0, latencyMs: 0 },
    routes(app) {
      app.get("/call", async (req, res) => {
        const path = typeof req.query.path === "string" ? req.query.path : "/";
        const answer = await upstream.getJson(path, outboundHeaders(contextOf(res)));
        if (answer.status !== 200) throw new HttpError(502, "UPSTREAM", "upstream refused");
        res.json({ ok: true });
      });
      app.get("/copied", async (_req, res) => {
        await upstream.getJson("/", { ...outboundHeaders(contextOf(res)) });
        res.json({ ok: true });
      });
      app.get("/alone", (_req, res) => {
        res.json({ ok: true });
      });
    },
  });
  const serving = await serve(app, { port: 0, host: "127.0.0.1", logger, graceMs: 1000, signals: [] });
  t.after(() => serving.close());

  const ok = await fetch(`${serving.url}/call?path=/`);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("x-forex-served-by"), "forex-converter=v1, forex-rate=v2");
  const failed = await fetch(`${serving.url}/call?path=/missing`);
  assert.equal(failed.status, 502);
  assert.equal(failed.headers.get("x-forex-served-by"), "forex-converter=v1, forex-rate=v2");
  const alone = await fetch(`${serving.url}/alone`);
  assert.equal(alone.headers.get("x-forex-served-by"), "forex-converter=v1");
  const copied = await fetch(`${serving.url}/copied`);
  assert.equal(copied.headers.get("x-forex-served-by"), "forex-converter=v1");
  const long = await fetch(`${serving.url}/call?path=/long`);
  const value = long.headers.get("x-forex-served-by") ?? "";
  assert.ok(value.length <= 512, `length ${value.length}`);
  assert.match(value, /^forex-converter=v1, svc-0=v1, svc-1=v1, .*, \.\.\.$/);
});
