/**
 * @module parse-csv: the ECB history CSV (`eurofxref-hist.csv`): a header `Date,USD,JPY,…,ZAR,`,
 * one row per business day newest first, `N/A` where a currency was not quoted, and a trailing
 * comma on every line (header included), which this parser accepts but does not require.
 */
import { RatesFormatError } from "../errors.js";
import type { DayRates } from "./rate-table.js";

const MISSING = new Set(["N/A", ""]);

export function parseEcbCsv(text: string): DayRates[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = lines[0];
  if (header === undefined) throw new RatesFormatError("empty CSV");
  const columns = splitRow(header);
  if (columns[0] !== "Date") throw new RatesFormatError(`CSV header must start with "Date", got ${JSON.stringify(columns[0])}`);
  const codes = columns.slice(1);
  const days: DayRates[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = splitRow(lines[i]!);
    if (cells.length !== columns.length) {
      throw new RatesFormatError(`CSV line ${i + 1} has ${cells.length} cells, the header has ${columns.length}`);
    }
    const rates: Record<string, string> = {};
    codes.forEach((code, c) => {
      const cell = cells[c + 1]!;
      if (!MISSING.has(cell)) rates[code] = cell;
    });
    days.push({ date: cells[0]!, rates });
  }
  return days;
}

/** Splits on commas, trims cells, and drops the single empty cell the ECB's trailing comma makes. */
function splitRow(line: string): string[] {
  const cells = line.split(",").map((cell) => cell.trim());
  if (cells.length > 1 && cells.at(-1) === "") cells.pop();
  return cells;
}
