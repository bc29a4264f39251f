import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { RateTable } from "../data/rate-table.js";
import { createRateStore } from "../store.js";
import { snapshotTable } from "../testing/ecb-files.js";
import { silentLogger, startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

after(() => closeClient());

test("/readyz is 503 and the API answers 503 JSON until the rates are loaded, then both are 200", async () => {
  let release: (table: RateTable) => void = () => {};
  const pending = new Promise<RateTable>((resolve) => {
    release = resolve;
  });
  const store = createRateStore({ loader: async () => ({ table: await pending, format: "snapshot" }), logger: silentLogger() });
  const app = await startRateApp({ store });
  try {
    assert.equal((await get(app.url, "/healthz")).status, 200);
    assert.equal((await get(app.url, "/readyz")).status, 503);
    const early = await get(app.url, "/v1/latest");
    assert.equal(early.status, 503);
    assert.equal((early.json() as { code: string }).code, "RATE_NOT_READY");

    const loading = store.load("snapshot");
    release(snapshotTable());
    await loading;
    const ready = await get(app.url, "/readyz");
    assert.equal(ready.status, 200);
    assert.equal((ready.json() as { rates: { last_date: string } }).rates.last_date, "2026-04-13");
    assert.equal((await get(app.url, "/v1/latest")).status, 200);
  } finally {
    await app.close();
  }
});
