/**
 * @module testing/ecb-files: test inputs. The real ECB files in /work/shared/data/ecb are used when
 * that folder exists; elsewhere (a fresh clone, CI) the same layouts are rendered from the committed
 * snapshot, so the parsers are still exercised on the full 1999–2026 history.
 */
import { existsSync, readFileSync } from "node:fs";
import { DEFAULT_SNAPSHOT } from "../config.js";
import type { RateTable } from "../data/rate-table.js";
import { decodeSnapshot } from "../data/snapshot.js";

export const SHARED_DIR = process.env["FOREX_ECB_SHARED_DIR"] ?? "/work/shared/data/ecb";

let cached: RateTable | undefined;
export function snapshotTable(): RateTable {
  cached ??= decodeSnapshot(readFileSync(DEFAULT_SNAPSHOT));
  return cached;
}

export interface TestFile {
  text: string;
  origin: "shared" | "rendered";
}

function shared(name: string): string | undefined {
  const path = `${SHARED_DIR}/${name}`;
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The history CSV as the ECB lays it out: newest first, N/A, a trailing comma on every line. */
export function renderCsv(table: RateTable, codes: readonly string[] = table.currencies): string {
  const lines = [`Date,${codes.join(",")},`];
  for (let i = table.days.length - 1; i >= 0; i--) {
    const cells = codes.map((code) => table.columns.get(code)?.[i] ?? "N/A");
    lines.push(`${table.days[i]},${cells.join(",")},`);
  }
  return `${lines.join("\n")}\n`;
}

/** The gesmes XML for the last `count` days, one day per line, newest first. */
export function renderXml(table: RateTable, count: number, prefix = ""): string {
  const cube = prefix === "" ? "Cube" : `${prefix}:Cube`;
  const ns = prefix === "" ? "xmlns" : `xmlns:${prefix}`;
  const days: string[] = [];
  for (let i = table.days.length - 1; i >= Math.max(0, table.days.length - count); i--) {
    const quotes = table.currencies
      .filter((code) => table.columns.get(code)![i] !== undefined)
      .map((code) => `<${cube} currency="${code}" rate="${table.columns.get(code)![i]}"/>`);
    days.push(`<${cube} time="${table.days[i]}">${quotes.join("")}</${cube}>`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" ` +
    `${ns}="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><gesmes:subject>Reference rates</gesmes:subject>` +
    `<gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender><${cube}>\n${days.join("\n")}</${cube}></gesmes:Envelope>`
  );
}

export function historyCsv(): TestFile {
  const text = shared("eurofxref-hist.csv");
  return text === undefined ? { text: renderCsv(snapshotTable()), origin: "rendered" } : { text, origin: "shared" };
}

/** The 90-day XML. Rendered, it ends at the snapshot's newest day instead of 2025-06-18. */
export function ninetyDayXml(): TestFile {
  const text = shared("eurofxref-hist-90d.xml");
  return text === undefined ? { text: renderXml(snapshotTable(), 61), origin: "rendered" } : { text, origin: "shared" };
}

/** A made-up slice in the CSV layout (values invented): a weekend, N/A cells, a currency ending, one starting. */
export const SMALL_CSV = [
  "Date,USD,JPY,ISK,TRL,TRY,",
  "2005-01-04,1.3578,139.54,N/A,N/A,1.8289,",
  "2005-01-03,1.3505,139.08,N/A,N/A,1.8262,",
  "2004-12-31,1.3621,139.65,N/A,1836200,N/A,",
  "2004-12-30,1.3641,139.95,83.46,1829600,N/A,",
  "",
].join("\n");

/** The table cut after `lastDay`, to play "yesterday's download". */
export function tableUntil(table: RateTable, lastDay: string): RateTable {
  const end = table.days.findLastIndex((day) => day <= lastDay) + 1;
  const columns = new Map([...table.columns].map(([code, column]) => [code, column.slice(0, end)]));
  return { ...table, days: table.days.slice(0, end), columns };
}
