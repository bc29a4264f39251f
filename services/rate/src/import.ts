/**
 * @module import: `pnpm --filter @forex-mesh/rate run import [path-or-url] [out]`. Reads an ECB file
 * (CSV or XML, gz allowed) and writes the compact snapshot the service loads by default.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRates, readSource } from "./data/source.js";
import { encodeSnapshot } from "./data/snapshot.js";

const DEFAULT_INPUT = "/work/shared/data/ecb/eurofxref-hist.csv";
const DEFAULT_OUTPUT = fileURLToPath(new URL("../data/ecb-snapshot.json.gz", import.meta.url));

async function run(input: string, output: string): Promise<void> {
  const bytes = await readSource(input, { timeoutMs: 60_000 });
  const { table, format } = parseRates(bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const name = /^https?:/i.test(input) ? input : basename(input);
  const snapshot = encodeSnapshot(table, { name, sha256 });
  await writeFile(output, snapshot);
  process.stdout.write(
    `read ${format} ${name} (${bytes.length} bytes, sha256 ${sha256}): ${table.days.length} days ` +
      `${table.days[0]}..${table.days.at(-1)}, ${table.currencies.length} currencies\n` +
      `wrote ${output} (${snapshot.length} bytes)\n`,
  );
}

const [input = DEFAULT_INPUT, output = DEFAULT_OUTPUT] = process.argv.slice(2);
run(input, output).catch((error: unknown) => {
  process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
