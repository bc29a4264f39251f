// `alloc logs` through the real agent's framed log stream: by alloc prefix, the single task chosen
// without naming it, -tail -n, -stderr, and -f picking up lines written after it started.
import assert from "node:assert/strict";
import { test } from "node:test";
import { allocLogs } from "../alloc/cli.js";
import { jobRun } from "../job/run.js";
import { bufferOutput } from "../monitor/output.js";
import { capture, HELLO_JOB, helloVars, startAgent } from "./helpers.js";

test("alloc logs: tail, stderr, follow", async (t) => {
  const agent = await startAgent();
  t.after(() => agent.stop());
  assert.equal((await capture(jobRun, [...helloVars(), HELLO_JOB])).code, 0);
  const { data: allocs } = await agent.client.jobs.allocations("hello");
  const id = allocs[0]!.ID!;
  // Let a few ticks (every 100 ms) reach the log.
  await new Promise((r) => setTimeout(r, 600));

  const tail = await capture((a, o, e) => allocLogs(a, o, e), ["-tail", "-n", "3", id.slice(0, 6)]);
  assert.equal(tail.code, 0, tail.err);
  const lines = tail.out.trimEnd().split("\n");
  assert.equal(lines.length, 3, tail.out);
  for (const l of lines) assert.match(l, /^tick \d+$/);

  const all = await capture((a, o, e) => allocLogs(a, o, e), [id, "server"]);
  assert.match(all.out, /^listening on \d+ version=v1\ntick 0\ntick 1\n/);

  const err = await capture((a, o, e) => allocLogs(a, o, e), ["-stderr", id.slice(0, 8)]);
  assert.equal(err.out, `hello starting alloc=${id} version=v1\n`);

  const out = bufferOutput();
  const stop = new AbortController();
  const following = allocLogs(["-f", "-tail", "-n", "1", id], out, bufferOutput(), stop.signal);
  const first = Number(/tick (\d+)/.exec(lines.at(-1)!)![1]);
  const deadline = Date.now() + 10_000;
  while (!new RegExp(`tick ${first + 10}\\n`).test(out.text()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  stop.abort();
  assert.equal(await following, 0);
  assert.match(out.text(), new RegExp(`tick ${first + 10}\\n`), "follow shows lines written after it started");
  // The backlog was cut to one line, then every new line followed, none missed or repeated.
  const ticks = out.text().trimEnd().split("\n").map((l) => Number(/^tick (\d+)$/.exec(l)?.[1]));
  assert.ok(ticks[0]! >= first, out.text());
  assert.deepEqual(ticks, ticks.map((_, i) => ticks[0]! + i));

  const wrongTask = await capture((a, o, e) => allocLogs(a, o, e), [id, "db"]);
  assert.equal(wrongTask.code, 1);
  assert.match(wrongTask.err, /Could not find task named: db\. Tasks: server/);
});
