/** The import script as a real process: ECB file in, snapshot out, and the snapshot serves the same data. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startProcess, waitFor } from "@forex-mesh/test-utils";
import { parseEcbCsv } from "./data/parse-csv.js";
import { buildTable } from "./data/rate-table.js";
import { decodeSnapshot } from "./data/snapshot.js";
import { SMALL_CSV } from "./testing/ecb-files.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "forex-rate-import-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function runImport(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = await startProcess(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", "src/import.ts", ...args], { cwd: packageDir });
  await waitFor("the import to exit", () => child.child.exitCode !== null, { timeoutMs: 20_000 });
  return { code: child.child.exitCode, output: child.output() };
}

test("imports a CSV into a snapshot holding exactly its days and published strings", async () => {
  const input = join(dir, "small.csv");
  const output = join(dir, "small.json.gz");
  writeFileSync(input, SMALL_CSV);
  const { code, output: printed } = await runImport([input, output]);
  assert.equal(code, 0, printed);
  assert.match(printed, /read csv small\.csv \(\d+ bytes, sha256 [0-9a-f]{64}\): 4 days 2004-12-30\.\.2005-01-04, 5 currencies/);
  assert.deepEqual(decodeSnapshot(readFileSync(output)), buildTable(parseEcbCsv(SMALL_CSV)));
});

test("a file that is not ECB data fails with exit 1 and writes nothing", async () => {
  const input = join(dir, "notes.txt");
  const output = join(dir, "never.json.gz");
  writeFileSync(input, "hello");
  const { code, output: printed } = await runImport([input, output]);
  assert.equal(code, 1);
  assert.match(printed, /import failed: unrecognised rates format/);
  assert.throws(() => readFileSync(output), /ENOENT/);
});
