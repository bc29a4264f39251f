/**
 * `GET /v1/client/fs/logs/:alloc`: framed reads (back-to-back JSON frames, base64 data), plain
 * reads, `origin=end` with an offset, a follow that sees lines written after it started, and
 * Nomad's 400/404 answers for bad requests.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, call, live, registerJob, startNomadAgent } from "./helpers.js";

/** Splits a framed body into its JSON objects (they are written back to back). */
function frames(text: string): Array<{ File?: string; Offset?: number; Data?: string }> {
  const out: Array<{ File?: string; Offset?: number; Data?: string }> = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

const decode = (fs: Array<{ Data?: string }>): string => fs.map((f) => Buffer.from(f.Data ?? "", "base64").toString("utf8")).join("");

test("task logs are served framed and plain, from the end, and followed as they grow", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "logs", count: 1 });
  const alloc = await waitFor("a running alloc", async () => live(await allocs(api, "logs"))[0]);
  const base = `${api.nomad}/v1/client/fs/logs/${alloc.ID}`;
  await waitFor("a few ticks", async () => (await call<string>(`${base}?task=app&type=stdout&plain=true`)).text.includes("tick 2"));

  const framed = await call(`${base}?task=app&type=stdout`);
  assert.equal(framed.status, 200);
  const fs = frames(framed.text);
  assert.ok(fs.length >= 1);
  assert.match(fs[0]?.File ?? "", /^alloc\/logs\/app\.stdout\.\d+$/);
  assert.match(decode(fs), /app tick 0\n/);

  const plain = await call(`${base}?task=app&type=stdout&plain=true`);
  assert.match(plain.text, /^\S+ app tick 0\n/);
  const stderr = await call(`${base}?task=app&type=stderr&plain=true`);
  assert.equal(stderr.text, `app starting alloc=${alloc.ID}\n`);
  const tail = await call(`${base}?task=app&type=stderr&plain=true&origin=end&offset=9`);
  assert.equal(tail.text, `${alloc.ID?.slice(-8)}\n`, "the last 9 bytes");

  const abort = new AbortController();
  t.after(() => abort.abort());
  const res = await fetch(`${base}?task=app&type=stdout&follow=true`, { signal: abort.signal });
  assert.equal(res.status, 200);
  const reader = res.body?.getReader();
  assert.ok(reader);
  const seenAtStart = (plain.text.match(/tick (\d+)/g) ?? []).length;
  let text = "";
  const later = new RegExp(`tick ${seenAtStart + 3}\\n`);
  while (!later.test(decode(frames(text)))) {
    const { value, done } = await reader.read();
    assert.equal(done, false, "a follow stays open");
    text += Buffer.from(value ?? new Uint8Array()).toString("utf8");
  }
  abort.abort();

  assert.equal((await call(`${base}?type=stdout`)).text, "must provide task name");
  assert.equal((await call(`${base}?task=app`)).status, 400);
  assert.equal((await call(`${base}?task=app&type=stdout&origin=middle`)).text, "origin must be start or end");
  assert.equal((await call(`${api.nomad}/v1/client/fs/logs/00000000-0000-0000-0000-000000000000?task=app&type=stdout`)).status, 404);
});
