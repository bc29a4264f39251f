import assert from "node:assert/strict";
import { test } from "node:test";
import { startApp } from "./test-app.js";

async function send(url: string, init?: RequestInit): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

test("errors are Consul's: status plus a text/plain message", async (t) => {
  const base = await startApp(t);
  const cases: [string, RequestInit | undefined, number, string][] = [
    ["/v1/kv/", undefined, 400, "Missing key name"],
    ["/v1/kv/a?index=x", undefined, 400, "Invalid index"],
    ["/v1/kv/a?index=1&wait=forever", undefined, 400, "Invalid wait time"],
    ["/v1/agent/service/register", { method: "PUT", body: "{not json" }, 400, "Request decode failed"],
    ["/v1/agent/service/register", { method: "PUT", body: '{"Port":1}' }, 400, "Missing service name"],
    ["/v1/agent/check/pass/nope", { method: "PUT" }, 404, 'Unknown check ID "nope"'],
    ["/v1/health/service/web?filter=Service.Meta.version%20%3D%3D", undefined, 400, "Failed to create boolean expression evaluator"],
    ["/v1/health/state/sideways", undefined, 400, "Invalid state"],
    ["/v1/agent/services", { method: "DELETE" }, 405, "method DELETE not allowed"],
    ["/v1/nothing/here", undefined, 404, "404 page not found"],
    ["/v1/kv/%E0%A4%A", undefined, 400, "Invalid URL path encoding"],
  ];
  for (const [path, init, status, message] of cases) {
    const reply = await send(`${base}${path}`, init);
    assert.equal(reply.status, status, path);
    assert.ok(reply.text.startsWith(message), `${path}: ${reply.text}`);
    assert.match(reply.headers.get("content-type") ?? "", /^text\/plain/, path);
  }
});

test("a value over 512 KiB is refused with 413", async (t) => {
  const base = await startApp(t);
  const reply = await send(`${base}/v1/kv/big`, { method: "PUT", body: Buffer.alloc(512 * 1024 + 1) });
  assert.equal(reply.status, 413);
});

test("X-Consul-Index is never 0, even on an empty store", async (t) => {
  const base = await startApp(t);
  for (const path of ["/v1/kv/missing", "/v1/catalog/services", "/v1/health/service/web", "/v1/agent/checks"]) {
    const reply = await send(`${base}${path}`);
    assert.equal(reply.headers.get("x-consul-index"), "1", path);
    assert.equal(reply.headers.get("x-consul-knownleader"), "true");
  }
});

test("on an empty store a watcher holding the reported index 1 blocks instead of spinning", async (t) => {
  const base = await startApp(t);
  const started = Date.now();
  const reply = await send(`${base}/v1/kv/nothing?index=1&wait=300ms`);
  assert.equal(reply.status, 404);
  assert.ok(Date.now() - started >= 290, "held for the wait time");
});

test("keys with a separator list folders once, raw returns the bytes", async (t) => {
  const base = await startApp(t);
  for (const key of ["a/b/c", "a/b/d", "a/e", "z"]) await send(`${base}/v1/kv/${key}`, { method: "PUT", body: key });
  assert.deepEqual(JSON.parse((await send(`${base}/v1/kv/a/?keys&separator=/`)).text), ["a/b/", "a/e"]);
  assert.deepEqual(JSON.parse((await send(`${base}/v1/kv/?keys`)).text), ["a/b/c", "a/b/d", "a/e", "z"]);
  assert.equal((await send(`${base}/v1/kv/nope/?keys`)).status, 404);
  const raw = await send(`${base}/v1/kv/a%2Fe?raw`);
  assert.equal(raw.text, "a/e");
  assert.equal(raw.headers.get("x-content-type-options"), "nosniff");
});

test("a blocked read returns as soon as its key changes, not before", async (t) => {
  const base = await startApp(t);
  await send(`${base}/v1/kv/watched`, { method: "PUT", body: "1" });
  const index = (await send(`${base}/v1/kv/watched`)).headers.get("x-consul-index");
  const started = Date.now();
  const blocked = send(`${base}/v1/kv/watched?index=${index}&wait=20s`);
  await send(`${base}/v1/kv/other`, { method: "PUT", body: "x" });
  await new Promise((r) => setTimeout(r, 100));
  await send(`${base}/v1/kv/watched`, { method: "PUT", body: "2" });
  const reply = await blocked;
  assert.ok(Date.now() - started < 5_000, "woken by the write, not the wait timer");
  assert.ok(Number(reply.headers.get("x-consul-index")) > Number(index));
  assert.equal(Buffer.from(JSON.parse(reply.text)[0].Value, "base64").toString(), "2");
});

test("passing keeps only instances whose checks all pass; tag filters all must match", async (t) => {
  const base = await startApp(t);
  const register = (body: object): Promise<unknown> => send(`${base}/v1/agent/service/register`, { method: "PUT", body: JSON.stringify(body) });
  await register({ Name: "web", ID: "w1", Port: 1, Tags: ["v1", "blue"], Check: { TTL: "1m", Status: "passing" } });
  await register({ Name: "web", ID: "w2", Port: 2, Tags: ["v1"], Check: { TTL: "1m" } });
  const ids = async (query: string): Promise<string[]> =>
    (JSON.parse((await send(`${base}/v1/health/service/web?${query}`)).text) as { Service: { ID: string } }[]).map((e) => e.Service.ID);
  assert.deepEqual(await ids(""), ["w1", "w2"]);
  assert.deepEqual(await ids("passing"), ["w1"]);
  assert.deepEqual(await ids("tag=v1&tag=blue"), ["w1"]);
  assert.deepEqual(await ids(`filter=${encodeURIComponent('"blue" not in Service.Tags')}`), ["w2"]);
});

test("malformed bodies on every write endpoint are 4xx and the agent keeps serving", async (t) => {
  const base = await startApp(t);
  const bodies = ["", "{", "null", "[]", '"x"', "42", '{"Name":7}', '{"Name":"w","Checks":{}}', '{"Name":"w","Check":{"TCP":"h:0","Interval":"1s"}}', '{"Status":"maybe"}'];
  const paths = ["/v1/agent/service/register", "/v1/agent/check/register", "/v1/agent/check/update/x"];
  for (const path of paths) {
    for (const body of bodies) {
      const reply = await send(`${base}${path}`, { method: "PUT", body });
      assert.ok(reply.status >= 400 && reply.status < 500, `${path} ${body}: ${reply.status} ${reply.text}`);
    }
  }
  assert.equal((await send(`${base}/v1/status/leader`)).status, 200);
});

test("maintenance mode takes an instance out of passing and reports it as maintenance", async (t) => {
  const base = await startApp(t);
  await send(`${base}/v1/agent/service/register`, { method: "PUT", body: JSON.stringify({ Name: "web", ID: "w1", Check: { TTL: "1m", Status: "passing" } }) });
  const passing = async (): Promise<number> => JSON.parse((await send(`${base}/v1/health/service/web?passing`)).text).length;
  assert.equal(await passing(), 1);
  assert.equal((await send(`${base}/v1/agent/service/maintenance/w1?enable=true&reason=upgrade`, { method: "PUT" })).status, 200);
  assert.equal(await passing(), 0);
  const health = await send(`${base}/v1/agent/health/service/id/w1`);
  assert.equal(health.status, 503);
  assert.equal(JSON.parse(health.text).AggregatedStatus, "maintenance");
  await send(`${base}/v1/agent/service/maintenance/w1?enable=false`, { method: "PUT" });
  assert.equal(await passing(), 1);
  assert.equal((await send(`${base}/v1/agent/service/maintenance/nope?enable=true`, { method: "PUT" })).status, 404);
});
