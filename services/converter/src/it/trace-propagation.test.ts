import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { after, before, test } from "node:test";
import { listenOn } from "@forex-mesh/test-utils";
import { getJson, type Service, startConverter } from "./stack.js";

// A recording stand-in for forex-rate: the point is what the converter *sends*, which the real
// forex-rate does not echo. It answers like forex-rate would.
const seen: IncomingHttpHeaders[] = [];
const recorder = createServer((req, res) => {
  seen.push(req.headers);
  res.writeHead(200, { "content-type": "application/json" }).end('{"amount":1,"base":"USD","date":"2026-04-13","rates":{"JPY":159.83}}');
});
let converter: Service;
before(async () => {
  const url = await listenOn(recorder);
  converter = await startConverter({ FOREX_RATE_URL: url, FOREX_RATE_HOST: "forex-rate" }, { ready: false });
});
after(async () => {
  await converter?.stop();
  recorder.close();
});

test("the call to forex-rate carries the trace, the request id, the version pin and the Host override", async () => {
  seen.length = 0;
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const { status, body, headers } = await getJson(`${converter.url}/v1/convert?from=USD&to=JPY&amount=2`, {
    traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    "x-request-id": "req-42",
    "x-forex-version": "v2",
  });
  assert.equal(status, 200);
  assert.equal(body.result, "320");
  assert.equal(headers.get("x-request-id"), "req-42");
  const sent = seen.at(-1);
  assert.ok(sent);
  assert.equal(sent.host, "forex-rate");
  assert.match(String(sent.traceparent), new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  assert.notEqual(String(sent.traceparent).split("-")[2], "00f067aa0ba902b7", "a new span for this hop");
  assert.equal(sent["x-request-id"], "req-42");
  assert.equal(sent["x-forex-version"], "v2");
});
