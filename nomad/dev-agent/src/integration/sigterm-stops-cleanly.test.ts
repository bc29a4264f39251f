/**
 * `forex-mesh agent` in the foreground: it says where both APIs listen (port 0 picks a free one), and on
 * SIGTERM it exits 0 after writing a final snapshot, leaving an empty log behind.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DEV_AGENT_MAIN, startProcess } from "@forex-mesh/test-utils";

test("the agent logs its address, and SIGTERM stops it cleanly with a final snapshot", async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), "agent-sigterm-"));
  const agent = await startProcess(process.execPath, [DEV_AGENT_MAIN, "--data-dir", dataDir, "--consul-port", "0", "--nomad-port", "0"], {
    readyWhen: /nomad api listening on http:\/\/127\.0\.0\.1:\d+/,
  });
  t.after(() => agent.kill9());
  const address = /consul api listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(agent.output())?.[1];
  assert.ok(address);
  const nomad = /nomad api listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(agent.output())?.[1];
  assert.ok(nomad);
  assert.deepEqual(await (await fetch(`${nomad}/v1/jobs`)).json(), []);
  const put = await fetch(`${address}/v1/kv/kept`, { method: "PUT", body: "yes" });
  assert.equal(await put.json(), true);

  assert.equal(await agent.stop(), 0);
  assert.match(agent.output(), /SIGTERM: shutting down[\s\S]*stopped/);
  assert.equal((await stat(join(dataDir, "wal.log"))).size, 0, "the log was folded into the snapshot");
  assert.match(await readFile(join(dataDir, "state.snap"), "utf8"), /"key":"kept"/);
});
