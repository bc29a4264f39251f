/** What service-kit's request context gives the other services, forex-rate gives too (see app.ts). */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { capturingLogger, startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

const capture = capturingLogger();
let app: Awaited<ReturnType<typeof startRateApp>>;
before(async () => {
  app = await startRateApp({ logger: capture.logger, version: "v3" });
});
after(async () => {
  closeClient();
  await app.close();
});

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

test("a caller's traceparent and safe x-request-id are kept; the access log line carries both", async () => {
  const answer = await get(app.url, "/v1/latest?symbols=USD", { traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, "x-request-id": "req-42" });
  assert.equal(answer.headers["x-request-id"], "req-42");
  assert.equal(answer.headers["x-forex-version"], "v3");
  const line = await waitFor("the access log line", () => capture.lines().find((l) => l["request_id"] === "req-42"));
  assert.equal(line["trace_id"], TRACE);
  assert.notEqual(line["span_id"], "00f067aa0ba902b7");
  assert.match(String(line["span_id"]), /^[0-9a-f]{16}$/);
  assert.deepEqual([line["method"], line["path"], line["status"], line["msg"], line["service"]], ["GET", "/v1/latest", 200, "request", "forex-rate"]);
  assert.equal(typeof line["duration_ms"], "number");
});

test("an unsafe x-request-id or a malformed traceparent is replaced by fresh ids", async () => {
  const answer = await get(app.url, "/healthz", { traceparent: "00-zz-yy-01", "x-request-id": "a b;c" });
  const id = String(answer.headers["x-request-id"]);
  assert.match(id, /^[0-9a-f]{16}$/);
  const line = await waitFor("the access log line", () => capture.lines().find((l) => l["request_id"] === id));
  assert.match(String(line["trace_id"]), /^[0-9a-f]{32}$/);
  assert.notEqual(line["trace_id"], TRACE);
});

test("every answer, error or not, names forex-rate and its version in x-forex-served-by", async () => {
  for (const path of ["/v1/latest?symbols=USD", "/healthz", "/nope", "/v1/latest?base=XYZ"]) {
    const answer = await get(app.url, path);
    assert.equal(answer.headers["x-forex-served-by"], "forex-rate=v3", path);
  }
});

test("every request gets distinct ids", async () => {
  const ids = new Set<string>();
  for (let i = 0; i < 50; i++) ids.add(String((await get(app.url, "/healthz")).headers["x-request-id"]));
  assert.equal(ids.size, 50);
});

test("request, trace and span ids come from the injected generator", async () => {
  let n = 0;
  const counted = await startRateApp({ deps: { hex: (bytes) => (n++).toString(16).padStart(bytes * 2, "0") } });
  try {
    const first = await get(counted.url, "/healthz");
    const second = await get(counted.url, "/healthz");
    // Each request draws a request id, a trace id and a span id.
    assert.equal(first.headers["x-request-id"], "0000000000000000");
    assert.equal(second.headers["x-request-id"], "0000000000000003");
  } finally {
    await counted.close();
  }
});
