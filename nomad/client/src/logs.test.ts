import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createNomadClient } from "./client.js";
import { configFromEnv } from "./config.js";
import { UnexpectedResponseError } from "./errors.js";
import { type MockNomad, startMockNomad } from "./testing/mock-nomad.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("log streaming against a mock of Nomad", () => {
  let nomad: MockNomad;
  let client: ReturnType<typeof createNomadClient>;
  before(async () => {
    nomad = await startMockNomad();
    client = createNomadClient(configFromEnv({ NOMAD_ADDR: nomad.address }));
  });
  after(() => nomad.close());

  it("sends task, type, follow, origin, offset and plain, and decodes frames split across writes", async () => {
    const frame1 = JSON.stringify({ File: "alloc/logs/app.stdout.0", Offset: 6, Data: b64("line1\n") });
    const frame2 = JSON.stringify({ File: "alloc/logs/app.stdout.0", Offset: 12, Data: b64("line2\n") });
    nomad.on("GET /v1/client/fs/logs/alloc-1", async (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      // Split a frame in the middle and interleave heartbeats, as a following Nomad stream does.
      res.write(frame1.slice(0, 10));
      await sleep(20);
      res.write(`${frame1.slice(10)}{}`);
      await sleep(20);
      res.write(`{}${frame2}`);
      res.end();
      return undefined;
    });
    const got: string[] = [];
    for await (const f of client.allocations.logs("alloc-1", { task: "app", type: "stdout", follow: true, origin: "end", offset: 100 })) {
      got.push(`${f.file}@${f.offset}:${f.data.toString()}`);
    }
    assert.deepEqual(got, ["alloc/logs/app.stdout.0@6:line1\n", "alloc/logs/app.stdout.0@12:line2\n"]);
    assert.deepEqual(nomad.requests.at(-1)!.query, { task: "app", type: "stdout", follow: "true", origin: "end", offset: "100", plain: "false" });
  });

  it("streams plain bytes with plain=true", async () => {
    nomad.on("GET /v1/client/fs/logs/alloc-2", async (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("err one\n");
      await sleep(10);
      res.end("err two\n");
      return undefined;
    });
    let text = "";
    for await (const chunk of client.allocations.logsPlain("alloc-2", { task: "app", type: "stderr" })) text += Buffer.from(chunk).toString();
    assert.equal(text, "err one\nerr two\n");
    assert.deepEqual(nomad.requests.at(-1)!.query, { task: "app", type: "stderr", follow: "false", origin: "start", offset: "0", plain: "true" });
  });

  it("stops following when the caller aborts", async () => {
    let closed = false;
    nomad.on("GET /v1/client/fs/logs/alloc-3", (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write(JSON.stringify({ File: "f", Offset: 1, Data: b64("x") }));
      const beat = setInterval(() => res.write("{}"), 10);
      res.on("close", () => {
        clearInterval(beat);
        closed = true;
      });
      return undefined;
    });
    const ctl = new AbortController();
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const f of client.allocations.logs("alloc-3", { task: "app", follow: true, signal: ctl.signal })) {
          seen.push(f.data.toString());
          ctl.abort();
        }
      })(),
      { name: "AbortError" },
    );
    assert.deepEqual(seen, ["x"]);
    for (let i = 0; i < 50 && !closed; i++) await sleep(10);
    assert.equal(closed, true, "the server saw the connection close");
  });

  it("maps Nomad's 404 for a task without logs to UnexpectedResponseError", async () => {
    nomad.on("GET /v1/client/fs/logs/alloc-4", { status: 404, body: 'task "app" not started yet. No logs available' });
    await assert.rejects(
      (async () => {
        for await (const _ of client.allocations.logs("alloc-4", { task: "app" })) assert.fail("no frames expected");
      })(),
      (e: unknown) => e instanceof UnexpectedResponseError && e.notFound && /not started yet/.test(e.body),
    );
  });
});
