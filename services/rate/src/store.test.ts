import assert from "node:assert/strict";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { loadRates } from "./data/source.js";
import { createRateStore, type Scheduler } from "./store.js";
import { renderCsv, renderXml, snapshotTable } from "./testing/ecb-files.js";
import { fileServer, silentLogger } from "./testing/servers.js";

const history = snapshotTable();
const ecb = await fileServer();
after(() => ecb.close());

/** Ticks only when the test says so. */
function manualScheduler(): { scheduler: Scheduler; tick: () => void; stopped: () => boolean } {
  let run = (): void => {};
  let stopped = false;
  const scheduler: Scheduler = (tick) => {
    run = tick;
    return () => {
      stopped = true;
    };
  };
  return { scheduler, tick: () => run(), stopped: () => stopped };
}

const newStore = (scheduler?: Scheduler) =>
  createRateStore({ loader: (location) => loadRates(location, { timeoutMs: 2000 }), logger: silentLogger(), ...(scheduler ? { scheduler } : {}) });

test("loads a gzipped CSV over HTTP and reports its status", async () => {
  ecb.respond(200, gzipSync(renderCsv(history)));
  const store = newStore();
  assert.equal(store.table(), undefined);
  await store.load(`${ecb.url}/eurofxref-hist.csv.gz?token=secret`);
  assert.equal(store.table()!.days.length, 6983);
  assert.equal(store.status()!.source, `${ecb.url}/eurofxref-hist.csv.gz`);
  assert.equal(store.status()!.last_date, "2026-04-13");
});

test("a refresh from the 90-day XML is laid over the history instead of replacing it", async () => {
  const older = { ...history, days: history.days.slice(0, -5) };
  const trimmed = new Map([...history.columns].map(([code, column]) => [code, column.slice(0, -5)]));
  ecb.respond(200, renderCsv({ ...older, columns: trimmed }));
  const store = newStore();
  await store.load(`${ecb.url}/hist.csv`);
  assert.equal(store.status()!.last_date, history.days.at(-6));
  ecb.respond(200, renderXml(history, 61));
  assert.equal(await store.refresh(`${ecb.url}/90d.xml`), true);
  assert.equal(store.status()!.days, 6983);
  assert.equal(store.status()!.last_date, "2026-04-13");
  assert.equal(store.table()!.columns.get("USD")!.at(-1), "1.1684");
});

test("a failing refresh (HTTP 500, then garbage) keeps the data already loaded", async () => {
  ecb.respond(200, renderXml(history, 10));
  const manual = manualScheduler();
  const store = newStore(manual.scheduler);
  const loaded = await store.load(`${ecb.url}/daily.xml`);
  const stop = store.startRefresh(`${ecb.url}/daily.xml`, 60_000);
  for (const [status, body] of [
    [500, "oops"],
    [200, "<html>maintenance</html>"],
    [200, "Date,USD,\n2026-04-14,-1,\n"],
  ] as const) {
    ecb.respond(status, body);
    assert.equal(await store.refresh(`${ecb.url}/daily.xml`), false, `${status} ${body}`);
    assert.equal(store.table(), loaded);
  }
  const before = ecb.requests();
  manual.tick();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(ecb.requests(), before + 1);
  assert.equal(store.table(), loaded);
  stop();
  assert.equal(manual.stopped(), true);
});

test("an unreadable initial source throws, so main can exit instead of serving nothing", async () => {
  ecb.respond(404, "gone");
  await assert.rejects(newStore().load(`${ecb.url}/missing.xml`), /answered 404/);
  await assert.rejects(newStore().load("/nonexistent/rates.csv"), /ENOENT/);
});
