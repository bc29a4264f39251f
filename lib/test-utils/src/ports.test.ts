import assert from "node:assert/strict";
import { createServer } from "node:net";
import { test } from "node:test";
import { freePort } from "./ports.js";

test("freePort hands out distinct ports below the ephemeral range, skipping ports in use", async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(10_000, "127.0.0.1", () => resolve()));
  try {
    // The first draw lands on the taken port 10000, then on 10001.
    const draws = [0, 0.0001, 0.0001, 0.0002];
    const first = await freePort(() => draws.shift() ?? Math.random());
    assert.equal(first, 10_001);
    const second = await freePort(() => draws.shift() ?? Math.random());
    assert.equal(second, 10_002, "10001 was already handed out");
  } finally {
    taken.close();
  }
  const many = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  assert.equal(new Set(many).size, 20);
  for (const port of many) assert.ok(port >= 10_000 && port < 20_000, String(port));
});
