import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { encodeFrame, framedLogStream, plainLogStream, readLogs } from "./logs.js";
import { TaskRunner } from "./task-runner.js";
import { fixtureTask, HOST_ENV, killGroups, tempAlloc } from "./test/helpers.js";

const pids: Array<number | null> = [];
after(() => killGroups(pids));
const MB = 1024 * 1024;

async function collect(iter: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of iter) parts.push(b);
  return Buffer.concat(parts).toString("utf8");
}

test("logs rotate by MaxFileSizeMB and keep only MaxFiles", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  // 2.5 MB of stdout and 1.25 MB of stderr with 1 MB files, keeping 2.
  const task = fixtureTask("spew", ["--bytes", String(2.5 * MB), "--exit", "0"], {
    LogConfig: { MaxFiles: 2, MaxFileSizeMB: 1 },
    Lifecycle: { Hook: "prestart", Sidecar: false },
  });
  const runner = new TaskRunner({ alloc, task, hostEnv: HOST_ENV });
  runner.start();
  const final = await runner.done;
  assert.equal(final.Failed, false);
  const logDir = join(alloc.AllocDir, "alloc", "logs");
  const files = readdirSync(logDir).sort();
  assert.deepEqual(files, ["spew.stderr.0", "spew.stderr.1", "spew.stdout.1", "spew.stdout.2"]);
  assert.equal(readFileSync(join(logDir, "spew.stdout.1")).length, MB);
  assert.equal(readFileSync(join(logDir, "spew.stdout.2")).length, 0.5 * MB + "ready\n".length);
  assert.equal(readFileSync(join(logDir, "spew.stderr.0")).length, MB);
  const all = await collect(plainLogStream(alloc.AllocDir, "spew", "stdout"));
  assert.equal(all.length, 1.5 * MB + "ready\n".length);
  assert.ok(all.endsWith("oooready\n"));
});

test("origin/offset address the concatenated files; frames carry File and end Offset", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const logDir = join(alloc.AllocDir, "alloc", "logs");
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, "web.stdout.3"), "abcdef");
  writeFileSync(join(logDir, "web.stdout.4"), "ghij");
  assert.equal(await collect(plainLogStream(alloc.AllocDir, "web", "stdout", { offset: 4 })), "efghij");
  assert.equal(await collect(plainLogStream(alloc.AllocDir, "web", "stdout", { origin: "end", offset: 6 })), "efghij");
  assert.equal(await collect(plainLogStream(alloc.AllocDir, "web", "stdout", { origin: "end", offset: 2 })), "ij");
  const frames: string[] = [];
  for await (const f of framedLogStream(alloc.AllocDir, "web", "stdout", { origin: "end", offset: 5 })) frames.push(f);
  assert.deepEqual(frames, [
    `{"File":"alloc/logs/web.stdout.3","Offset":6,"Data":"${Buffer.from("f").toString("base64")}"}`,
    `{"File":"alloc/logs/web.stdout.4","Offset":4,"Data":"${Buffer.from("ghij").toString("base64")}"}`,
  ]);
  assert.equal(encodeFrame({}), "{}");
  await assert.rejects(readLogs(alloc.AllocDir, "web", "stderr").next(), {
    code: "LOGS_NOT_FOUND",
    message: 'task "web" not started yet. No logs available',
  });
  await assert.rejects(readLogs(alloc.AllocDir, "web", "stdout", { offset: -1 }).next(), { code: "LOGS_INVALID_REQUEST" });
  await assert.rejects(readLogs(alloc.AllocDir, "../../etc", "stdout").next(), { code: "LOGS_INVALID_REQUEST" });
});

test("a follow stream sees new lines as the task writes them, with heartbeats", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const runner = new TaskRunner({ alloc, task: fixtureTask("ticker", ["--tick", "150"]), hostEnv: HOST_ENV });
  t.after(() => runner.kill());
  runner.start();
  pids.push(await waitFor("pid", () => runner.pid ?? undefined));
  await waitFor("first log", () => readFileSync(join(alloc.AllocDir, "alloc/logs/ticker.stdout.0"), "utf8").includes("ready"));
  const controller = new AbortController();
  let text = "";
  let heartbeats = 0;
  const reading = (async () => {
    for await (const frame of readLogs(alloc.AllocDir, "ticker", "stdout", {
      follow: true,
      signal: controller.signal,
      pollMs: 50,
      heartbeatMs: 100,
    })) {
      if (frame.Data) text += frame.Data.toString("utf8");
      else if (!frame.FileEvent) heartbeats += 1;
      if (/tick 4\n/.test(text)) controller.abort();
    }
  })();
  await reading;
  assert.match(text, /^ready\ntick 0\ntick 1\ntick 2\ntick 3\ntick 4\n/);
  assert.ok(heartbeats >= 1, `heartbeats sent while idle (${heartbeats})`);
});

test("a follow stream moves to the next file on rotation", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const logDir = join(alloc.AllocDir, "alloc", "logs");
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, "web.stderr.0"), "one\n");
  const controller = new AbortController();
  const seen: string[] = [];
  const reading = (async () => {
    for await (const frame of readLogs(alloc.AllocDir, "web", "stderr", { follow: true, signal: controller.signal, pollMs: 30 })) {
      if (frame.Data) seen.push(`${frame.File}:${frame.Data.toString()}`);
      if (seen.length === 2) controller.abort();
    }
  })();
  await waitFor("first frame", () => seen.length === 1);
  writeFileSync(join(logDir, "web.stderr.1"), "two\n");
  await reading;
  assert.deepEqual(seen, ["alloc/logs/web.stderr.0:one\n", "alloc/logs/web.stderr.1:two\n"]);
});
