import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, test } from "node:test";
import { startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

let app: Awaited<ReturnType<typeof startRateApp>>;
before(async () => {
  app = await startRateApp();
});
after(async () => {
  closeClient();
  await app.close();
});

function send(method: string, path: string): Promise<{ status: number; body: string; length: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}${path}`, { method }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, length: res.headers["content-length"] }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

test("HEAD answers like GET without a body", async () => {
  const head = await send("HEAD", "/v1/latest?symbols=USD");
  const full = await get(app.url, "/v1/latest?symbols=USD");
  assert.equal(head.status, 200);
  assert.equal(head.body, "");
  assert.equal(head.length, String(Buffer.byteLength(full.text)));
});

test("other methods are a JSON 404, as for any route that does not exist", async () => {
  for (const method of ["POST", "PUT", "DELETE"]) {
    const answer = await send(method, "/v1/latest");
    assert.equal(answer.status, 404, method);
    assert.deepEqual(JSON.parse(answer.body), { message: `no route for ${method} /v1/latest`, code: "NOT_FOUND" });
  }
});

test("a trailing slash is tolerated on the v1 routes", async () => {
  assert.equal((await get(app.url, "/v1/latest/?symbols=USD")).status, 200);
  assert.equal((await get(app.url, "/2016-01-04/EUR/GBP/")).status, 200);
});
