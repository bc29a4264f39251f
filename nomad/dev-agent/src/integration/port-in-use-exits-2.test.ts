/**
 * A port already taken is a startup error, not a crash: the agent says which API could not listen
 * on which address, exits 2, and leaves its data directory usable.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DEV_AGENT_MAIN, listenOn, startProcess } from "@forex-mesh/test-utils";

test("a busy Nomad port makes the agent exit 2 naming the port", { timeout: 30_000 }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), "agent-port-busy-"));
  const busy = createServer();
  const port = new URL(await listenOn(busy)).port;
  t.after(() => busy.close());
  const agent = await startProcess(process.execPath, [DEV_AGENT_MAIN, "--data-dir", dataDir, "--consul-port", "0", "--nomad-port", port]);
  t.after(() => agent.kill9());
  const code = agent.child.exitCode ?? ((await once(agent.child, "exit")) as [number | null])[0];
  assert.equal(code, 2);
  assert.match(agent.output(), new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(nomad api\\): address already in use`));
});
