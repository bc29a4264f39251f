import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { HttpError } from "./errors.js";
import { createLogger } from "./logger.js";
import { contextOf, outboundHeaders } from "./request-context.js";
import { serve } from "./serve.js";
import { createServiceApp } from "./service-app.js";

function captureLogs(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

async function start(options: { errorRatio?: number; random?: () => number } = {}) {
  const logs = captureLogs();
  const logger = createLogger({ service: "test", version: "v9", destination: logs.stream });
  const app = createServiceApp({
    logger,
    service: "test",
    version: "v9",
    faults: { errorRatio: options.errorRatio ?? 0, latencyMs: 0, random: options.random },
    routes(app) {
      app.get("/echo", (_req, res) => {
        res.json(outboundHeaders(contextOf(res)));
      });
      app.get("/bad", () => {
        throw new HttpError(400, "BAD_THING", "thing is bad", { field: "thing" });
      });
      app.get("/boom", () => {
        throw new Error("unexpected");
      });
    },
  });
  const serving = await serve(app, { port: 0, host: "127.0.0.1", logger, graceMs: 1000, signals: [] });
  return { ...serving, logs };
}

test("trace, request id and version pin are carried to outbound headers and the access log", async (t) => {
  const server = await start();
  t.after(() => server.close());
  const res = await fetch(`${server.url}/echo`, {
    headers: {
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "x-request-id": "req-1",
      "x-forex-version": "v2",
    },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-forex-version"), "v9");
  assert.equal(res.headers.get("x-request-id"), "req-1");
  const body = (await res.json()) as Record<string, string>;
  assert.match(body.traceparent ?? "", /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
  assert.notEqual(body.traceparent, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  assert.equal(body["x-request-id"], "req-1");
  assert.equal(body["x-forex-version"], "v2");
  const access = server.logs.lines.find((line) => line.msg === "request");
  assert.equal(access?.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  assert.equal(access?.request_id, "req-1");
  assert.equal(access?.status, 200);
});

test("errors render as JSON: HttpError keeps its status, the unexpected is a 500, unknown routes 404", async (t) => {
  const server = await start();
  t.after(() => server.close());
  const bad = await fetch(`${server.url}/bad`);
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { message: "thing is bad", code: "BAD_THING", field: "thing" });
  const boom = await fetch(`${server.url}/boom`);
  assert.equal(boom.status, 500);
  assert.deepEqual(await boom.json(), { message: "internal error", code: "INTERNAL" });
  const missing = await fetch(`${server.url}/nope`);
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { code: string }).code, "NOT_FOUND");
});

test("the error-ratio knob fails requests but never the health endpoints", async (t) => {
  const server = await start({ errorRatio: 0.5, random: () => 0.1 });
  t.after(() => server.close());
  const faulted = await fetch(`${server.url}/echo`);
  assert.equal(faulted.status, 500);
  assert.equal(((await faulted.json()) as { code: string }).code, "FAULT_INJECTED");
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
});
