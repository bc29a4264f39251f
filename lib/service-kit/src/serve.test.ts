import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { serve } from "./serve.js";

test("close() lets an in-flight request finish before the server stops", async () => {
  let drained = false;
  const serving = await serve(
    (_req, res) => {
      setTimeout(() => res.end("slow but complete"), 200);
    },
    { port: 0, host: "127.0.0.1", logger: pino({ level: "silent" }), graceMs: 5000, signals: [], onDrain: () => (drained = true) },
  );
  const inFlight = fetch(serving.url).then((res) => res.text());
  await new Promise((r) => setTimeout(r, 50));
  const closed = serving.close();
  assert.equal(drained, true);
  assert.equal(await inFlight, "slow but complete");
  await closed;
  await assert.rejects(fetch(serving.url));
});
