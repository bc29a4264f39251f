import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { startStack, type Stack } from "./stack.js";

let stack: Stack;
before(async () => {
  stack = await startStack("v-trace", { logLevel: "info" });
});
after(() => stack?.stop());

interface LogLine {
  service?: string;
  trace_id?: string;
  span_id?: string;
  request_id?: string;
  path?: string;
  msg?: string;
}

function accessLines(output: string, traceId: string): LogLine[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.msg === "request" && line.trace_id === traceId);
}

test("one page view is one trace: web, converter and forex-rate log the same trace and request id", async () => {
  const traceId = "0af7651916cd43dd8448eb211c80319c";
  const response = await fetch(`${stack.web.url}/?amount=1&from=USD&to=JPY&date=2021-06-01`, {
    headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01`, "x-request-id": "page-view-1" },
  });
  assert.equal(response.status, 200);
  await response.text();
  const [web, converter, rate] = await waitFor("access logs from all three services", () => {
    const lines = [stack.web, stack.converter, stack.rate].map((s) => accessLines(s.process.output(), traceId));
    return lines.every((l) => l.length > 0) ? lines : undefined;
  });
  assert.deepEqual(web?.map((l) => l.path), ["/"]);
  assert.deepEqual(converter?.map((l) => l.path), ["/v1/convert"]);
  // forex-rate is asked by the converter (the rate) and by the web (currencies, chart series).
  assert.ok((rate?.length ?? 0) >= 2, JSON.stringify(rate));
  for (const line of [...(web ?? []), ...(converter ?? []), ...(rate ?? [])]) assert.equal(line.request_id, "page-view-1");
  const spans = new Set([...(web ?? []), ...(converter ?? []), ...(rate ?? [])].map((l) => l.span_id));
  assert.equal(spans.size, (web?.length ?? 0) + (converter?.length ?? 0) + (rate?.length ?? 0), "every hop has its own span");
});
