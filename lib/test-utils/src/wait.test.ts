import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "./wait.js";

test("waitFor resolves with the first truthy value", async () => {
  let calls = 0;
  const value = await waitFor("third call", () => (++calls >= 3 ? calls : undefined), { intervalMs: 1 });
  assert.equal(value, 3);
});

test("waitFor names what it waited for when it times out", async () => {
  await assert.rejects(
    waitFor("a thing that never happens", () => false, { timeoutMs: 30, intervalMs: 5 }),
    /a thing that never happens/,
  );
});
