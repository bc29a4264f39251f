// `up` refuses to start when a port it needs is taken, names the port and what to do, and starts
// nothing (no agent process appears).
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, startProcess } from "@forex-mesh/test-utils";
import { repoRoot } from "./helpers.js";
import { processesUsing } from "./processes.js";

test("a busy Nomad port is a clear error and nothing starts", async (t) => {
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
  t.after(() => busy.close());
  const busyPort = (busy.address() as { port: number }).port;
  const dataDir = await mkdtemp(join(tmpdir(), "forex-cli-busy-"));
  const up = await startProcess(
    process.execPath,
    ["--import", "tsx", "--conditions=@forex-mesh/source", join(repoRoot, "cli/src/main.ts"), "up", "--no-build", "--consul-port", String(await freePort()), "--nomad-port", String(busyPort), "--edge-port", String(await freePort()), "--prometheus-port", String(await freePort()), "--console-port", String(await freePort()), "--data-dir", dataDir],
    { cwd: repoRoot },
  );
  const [code] = await once(up.child, "exit");
  assert.equal(code, 1);
  assert.match(up.output(), new RegExp(`port ${busyPort} \\(Nomad API\\) is already in use on 127\\.0\\.0\\.1\\.`));
  assert.match(up.output(), /choose another port with --nomad-port N/);
  assert.doesNotMatch(up.output(), /starting the dev agent/);
  assert.deepEqual(processesUsing(dataDir), []);
});
