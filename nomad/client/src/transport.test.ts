import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configFromEnv } from "./config.js";
import { UnexpectedResponseError } from "./errors.js";
import { newRequest, parseQueryMeta, requireOK, setQueryOptions, setWriteOptions } from "./transport.js";

const config = configFromEnv({ NOMAD_ADDR: "http://127.0.0.1:4646", NOMAD_TOKEN: "tok", NOMAD_NAMESPACE: "prod" });

describe("transport steps", () => {
  it("newRequest adds the token header, the configured namespace and a JSON body", () => {
    const r = newRequest(config, "PUT", "/v1/jobs", { Job: { ID: "x" } });
    assert.equal(r.url.toString(), "http://127.0.0.1:4646/v1/jobs?namespace=prod");
    assert.equal(r.headers.get("X-Nomad-Token"), "tok");
    assert.equal(r.headers.get("Content-Type"), "application/json");
    assert.equal(r.body, '{"Job":{"ID":"x"}}');
  });

  it("setQueryOptions maps every option to Nomad's query parameters", () => {
    const r = setQueryOptions(newRequest(config, "GET", "/v1/jobs"), {
      waitIndex: 42,
      waitTime: 10_000,
      prefix: "forex",
      filter: 'Status == "running"',
      perPage: 20,
      nextToken: "abc",
      namespace: "*",
      region: "eu",
      allowStale: true,
      params: { meta: true, skip: undefined },
    });
    assert.deepEqual(Object.fromEntries(r.url.searchParams), {
      namespace: "*",
      region: "eu",
      stale: "",
      prefix: "forex",
      filter: 'Status == "running"',
      per_page: "20",
      next_token: "abc",
      index: "42",
      wait: "10000ms",
      meta: "true",
    });
  });

  it("gives blocking queries a timeout longer than the wait plus Nomad's jitter", () => {
    const r = setQueryOptions(newRequest(config, "GET", "/v1/jobs"), { waitIndex: 1, waitTime: 160_000 });
    assert.equal(r.timeoutMs, 160_000 + 10_000 + 5_000);
    const capped = setQueryOptions(newRequest(config, "GET", "/v1/jobs"), { waitIndex: 1 });
    assert.equal(capped.timeoutMs, 300_000 + 18_750 + 5_000, "no wait given: Nomad's 5 minute default");
    const plain = setQueryOptions(newRequest(config, "GET", "/v1/jobs"), { waitTime: 100 });
    assert.equal(plain.timeoutMs, 30_000, "without an index the query does not block");
  });

  it("setWriteOptions sets namespace, region and idempotency token", () => {
    const r = setWriteOptions(newRequest(config, "PUT", "/v1/jobs", {}), { region: "eu", idempotencyToken: "t1", params: { purge: true } });
    assert.deepEqual(Object.fromEntries(r.url.searchParams), { namespace: "prod", region: "eu", idempotency_token: "t1", purge: "true" });
  });

  it("requireOK turns another status into UnexpectedResponseError with Nomad's text body", async () => {
    const res = new Response("job not found", { status: 404, statusText: "Not Found" });
    await assert.rejects(requireOK(res), (e: unknown) => {
      assert.ok(e instanceof UnexpectedResponseError);
      assert.equal(e.statusCode, 404);
      assert.equal(e.statusText, "Not Found");
      assert.equal(e.body, "job not found");
      assert.equal(e.notFound, true);
      assert.equal(e.message, "Unexpected response code: 404 (job not found)");
      return true;
    });
    const ok = new Response("{}", { status: 200 });
    assert.equal(await requireOK(ok), ok);
  });

  it("parseQueryMeta reads the X-Nomad headers and reads bad values as zero", () => {
    const res = new Response("[]", { headers: { "X-Nomad-Index": "77", "X-Nomad-LastContact": "12", "X-Nomad-KnownLeader": "true", "X-Nomad-NextToken": "n1" } });
    assert.deepEqual(parseQueryMeta(res, 1000, 1025), { lastIndex: 77, lastContact: 12, knownLeader: true, nextToken: "n1", requestTimeMs: 25 });
    const bad = new Response("[]", { headers: { "X-Nomad-Index": "lots" } });
    assert.deepEqual(parseQueryMeta(bad, 0, 0), { lastIndex: 0, lastContact: 0, knownLeader: false, nextToken: "", requestTimeMs: 0 });
  });
});
