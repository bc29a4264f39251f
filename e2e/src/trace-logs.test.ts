// Issue 6's proof, part 4: one request through the edge with a known W3C trace id is found, by that
// trace id, in the logs of every hop it crossed: the edge proxy, forex-web's sidecar and app,
// forex-converter's sidecar and app, forex-rate's sidecar and app. The logs are read through Nomad's
// log API of each allocation, and each line names the allocation it came from.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { type LogLine, readTaskLog, runningAllocs } from "./logs.js";
import { CONVERT_PATH } from "./mesh.js";
import { type System, startSystem } from "./system.js";

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

interface Hop {
  alloc: string;
  task: string;
  lines: LogLine[];
}

test("a request's trace id is in the logs of every hop it crossed", { timeout: 90_000 }, async (t) => {
  const traceId = randomBytes(16).toString("hex");
  const requestId = `e2e-${randomBytes(4).toString("hex")}`;
  const res = await fetch(`${system.edgeUrl}${CONVERT_PATH}`, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01`, "x-request-id": requestId } });
  assert.equal(res.status, 200, (await res.text()).slice(0, 300));
  await res.arrayBuffer().catch(() => undefined);

  /** The hops of `job`'s `task` whose log has a line with the trace id (apps log asynchronously: wait). */
  const hopsOf = (job: string, task: string, type: "stdout" | "stderr"): Promise<Hop[]> =>
    waitFor(
      `${job}/${task} to log trace ${traceId}`,
      async () => {
        const hops: Hop[] = [];
        for (const alloc of await runningAllocs(system.nomad, job)) {
          const lines = (await readTaskLog(system.nomad, alloc, task, type)).filter((l) => l.trace_id === traceId);
          if (lines.length > 0) hops.push({ alloc, task, lines });
        }
        return hops.length > 0 ? hops : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 250 },
    );

  const edge = await hopsOf("forex-edge", "edge", "stderr");
  assert.deepEqual(
    edge[0]!.lines.map((l) => [l.msg, l.service, l.listener, l.dst_service, l.status, l.request_id, l.alloc]),
    [["access", "forex-edge", "edge", "forex-web", 200, requestId, edge[0]!.alloc]],
  );

  for (const [job, calls] of [
    ["forex-web", ["forex-converter", "forex-rate"]],
    ["forex-converter", ["forex-rate"]],
    ["forex-rate", []],
  ] as const) {
    const sidecars = await hopsOf(job, "sidecar", "stderr");
    const apps = await hopsOf(job, "app", "stdout");
    for (const hop of [...sidecars, ...apps]) {
      for (const line of hop.lines) assert.equal(line.alloc, hop.alloc, `${job}/${hop.task}: a line names another allocation: ${JSON.stringify(line)}`);
    }
    // The instance that served the request logged it in its app and in its sidecar's ingress.
    const served = apps.map((a) => a.alloc);
    const ingress = sidecars.flatMap((s) => s.lines.filter((l) => l.listener === "ingress").map((l) => ({ alloc: s.alloc, line: l })));
    assert.ok(ingress.length > 0, `${job}: no sidecar ingress line`);
    for (const { alloc, line } of ingress) {
      assert.ok(served.includes(alloc), `${job}: the sidecar of ${alloc} let the request in but its app did not log it`);
      assert.deepEqual([line.service, line.direction, line.dst_service, line.status], [job, "inbound", job, 200]);
    }
    for (const app of apps) assert.ok(app.lines.some((l) => l.service === job && l.status === 200 && l.request_id !== undefined), `${job}: app line ${JSON.stringify(app.lines)}`);
    // Its calls went out through its sidecar's egress, each logged with the same trace id.
    const egress = sidecars.flatMap((s) => s.lines.filter((l) => l.listener === "egress"));
    assert.deepEqual([...new Set(egress.map((l) => l.dst_service))].sort(), [...calls].sort(), `${job}: egress lines ${JSON.stringify(egress)}`);
    t.diagnostic(`${job}: ${apps.length} app(s), ${ingress.length} ingress and ${egress.length} egress line(s)`);
  }
});
