/**
 * @module rate-table: the in-memory history. Days ascending; for each currency one column aligned
 * with the days, holding the published decimal string or `undefined` where the ECB quoted nothing.
 */
import { RatesFormatError } from "../errors.js";
import { isIsoDate } from "./dates.js";
import { DECIMAL_LITERAL } from "./quote.js";

export interface DayRates {
  date: string;
  /** Units of each currency per 1 EUR, as published. EUR itself is never listed. */
  rates: Record<string, string>;
}

export interface CurrencySpan {
  /** Indexes into `days` of the first and last quoted day. */
  first: number;
  last: number;
  /** How many days between first and last have no quote (ISK's 2008–2018 gap, a few holidays). */
  gaps: number;
}

export interface RateTable {
  readonly days: readonly string[];
  /** Every currency the history knows, sorted, without EUR. */
  readonly currencies: readonly string[];
  readonly columns: ReadonlyMap<string, readonly (string | undefined)[]>;
  readonly spans: ReadonlyMap<string, CurrencySpan>;
}

const CODE = /^[A-Z]{3}$/;
const ZERO = /^0(?:\.0*)?$/;

/** Validates and indexes parsed days (any order). Throws RatesFormatError on anything suspicious. */
export function buildTable(input: readonly DayRates[]): RateTable {
  const sorted = [...input].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const codes = new Set<string>();
  for (const day of sorted) for (const code of Object.keys(day.rates)) codes.add(code);
  const columns = new Map<string, (string | undefined)[]>();
  for (const code of codes) columns.set(code, new Array<string | undefined>(sorted.length).fill(undefined));
  sorted.forEach((day, index) => {
    for (const [code, rate] of Object.entries(day.rates)) columns.get(code)![index] = rate;
  });
  return fromColumns(
    sorted.map((day) => day.date),
    columns,
  );
}

/**
 * Validates ascending days and per-currency columns aligned with them, and indexes them. The
 * snapshot reader comes straight here, which is what keeps start-up fast.
 */
export function fromColumns(days: string[], columns: Map<string, (string | undefined)[]>): RateTable {
  if (days.length === 0) throw new RatesFormatError("the source holds no days");
  days.forEach((date, index) => {
    if (!isIsoDate(date)) throw new RatesFormatError(`not a date: ${JSON.stringify(date)}`);
    if (index > 0 && days[index - 1]! >= date) throw new RatesFormatError(`day ${date} appears twice or out of order`);
  });
  for (const [code, column] of columns) {
    if (!CODE.test(code) || code === "EUR") throw new RatesFormatError(`bad currency code ${JSON.stringify(code)}`);
    if (column.length !== days.length) throw new RatesFormatError(`column ${code} does not match the days`);
    column.forEach((rate, index) => {
      if (rate !== undefined && (!DECIMAL_LITERAL.test(rate) || ZERO.test(rate))) {
        throw new RatesFormatError(`bad rate ${JSON.stringify(rate)} for ${code} on ${days[index]}`);
      }
    });
  }
  const currencies = [...columns.keys()].sort();
  return { days, currencies, columns, spans: spansOf(columns) };
}

function spansOf(columns: ReadonlyMap<string, readonly (string | undefined)[]>): Map<string, CurrencySpan> {
  const spans = new Map<string, CurrencySpan>();
  for (const [code, column] of columns) {
    const first = column.findIndex((v) => v !== undefined);
    const last = column.findLastIndex((v) => v !== undefined);
    if (first < 0) continue;
    let gaps = 0;
    for (let i = first; i <= last; i++) if (column[i] === undefined) gaps++;
    spans.set(code, { first, last, gaps });
  }
  return spans;
}

/** The table as a list of days, oldest first (what the snapshot writer and merge work on). */
export function tableDays(table: RateTable): DayRates[] {
  return table.days.map((date, index) => {
    const rates: Record<string, string> = {};
    for (const code of table.currencies) {
      const rate = table.columns.get(code)![index];
      if (rate !== undefined) rates[code] = rate;
    }
    return { date, rates };
  });
}

/**
 * Lays a newer download over the current history: days present in `update` replace the same days,
 * other days stay. So a refresh from the ECB's 90-day or daily XML extends the full history
 * instead of shrinking it to 90 days.
 */
export function mergeTables(current: RateTable, update: RateTable): RateTable {
  const byDate = new Map(tableDays(current).map((day) => [day.date, day]));
  for (const day of tableDays(update)) byDate.set(day.date, day);
  return buildTable([...byDate.values()]);
}
