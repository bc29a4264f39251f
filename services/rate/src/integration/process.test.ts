/**
 * The real program (`src/main.ts`, as `pnpm start` runs `dist/main.js`) in its own process: config
 * from the environment, rates from an http(s) source, a scheduled refresh, SIGTERM drain.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { startProcess, waitFor } from "@forex-mesh/test-utils";
import { renderXml, snapshotTable, tableUntil } from "../testing/ecb-files.js";
import { fileServer } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const ecb = await fileServer();
after(async () => {
  closeClient();
  await ecb.close();
});

const start = (env: Record<string, string>) =>
  startProcess(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", "src/main.ts"], {
    cwd: packageDir,
    env: { PORT: "0", LOG_LEVEL: "info", ...env },
    readyWhen: /listening on http:\/\/127\.0\.0\.1:\d+/,
  });

const urlOf = (output: string): string => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;

test("starts from FOREX_RATES_SOURCE over HTTP, refreshes on schedule, keeps data on a failed refresh, drains on SIGTERM", async () => {
  const history = snapshotTable();
  ecb.respond(200, gzipSync(renderXml(tableUntil(history, "2026-04-10"), 5)));
  const rate = await start({
    FOREX_RATES_SOURCE: `${ecb.url}/eurofxref-hist-90d.xml.gz`,
    FOREX_RATES_REFRESH_URL: `${ecb.url}/eurofxref-daily.xml`,
    FOREX_RATES_REFRESH_INTERVAL_MS: "1000",
    FOREX_VERSION: "v2",
  });
  try {
    const url = urlOf(rate.output());
    const ready = await waitFor("/readyz 200", async () => ((await get(url, "/readyz")).status === 200 ? true : undefined));
    assert.equal(ready, true);
    const before = await get(url, "/v1/latest?symbols=USD", { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });
    assert.deepEqual(before.json(), { amount: 1, base: "EUR", date: "2026-04-10", rates: { USD: 1.1711 } });

    ecb.respond(200, renderXml(history, 1));
    await waitFor("the refresh to add 2026-04-13", async () => ((await get(url, "/v1/latest")).json() as { date: string }).date === "2026-04-13");
    const latest = await get(url, "/v1/latest?symbols=USD");
    assert.deepEqual(latest.json(), { amount: 1, base: "EUR", date: "2026-04-13", rates: { USD: 1.1684 } });
    assert.equal(latest.headers["x-forex-version"], "v2");
    await waitFor("the access log line with the caller's trace id", () => rate.output().includes('"trace_id":"0af7651916cd43dd8448eb211c80319c"'));
    assert.equal((await get(url, "/v1/2026-04-01?symbols=USD")).status, 404, "before the 5 days served");
    assert.equal((await get(url, "/v1/2026-04-07?symbols=USD")).status, 200, "kept from the first load");

    ecb.respond(503, "down for maintenance");
    await waitFor("a failed refresh logged", () => rate.output().includes("rates refresh failed"), { timeoutMs: 5000 });
    assert.equal((await get(url, "/v1/latest?symbols=USD")).status, 200);
  } finally {
    assert.equal(await rate.stop(), 0);
  }
  assert.match(rate.output(), /draining in-flight requests/);
});

test("an unreadable source or invalid config exits 1 with the reason", async () => {
  const missing = await start({ FOREX_RATES_SOURCE: "/nonexistent/eurofxref-hist.csv" });
  await waitFor("exit", () => missing.child.exitCode !== null, { timeoutMs: 10_000 });
  assert.equal(missing.child.exitCode, 1);
  assert.match(missing.output(), /cannot load rates from FOREX_RATES_SOURCE/);

  const invalid = await startProcess(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", "src/main.ts"], {
    cwd: packageDir,
    env: { PORT: "not-a-port", FOREX_RATES_REFRESH_URL: "ftp://example" },
  });
  await waitFor("exit", () => invalid.child.exitCode !== null, { timeoutMs: 10_000 });
  assert.equal(invalid.child.exitCode, 1);
  assert.match(invalid.output(), /PORT/);
  assert.match(invalid.output(), /FOREX_RATES_REFRESH_URL/);
});
