/**
 * @module snapshot: the project's own compact form of the ECB history (`data/ecb-snapshot.json.gz`).
 *
 * Columnar JSON, gzipped: the days as the first day plus day-gaps, and per currency the index of
 * its first quoted day and its published strings joined by commas (an empty item where the ECB wrote
 * `N/A`). Rates stay the exact published strings. About a sixth of the CSV's size and quick to load:
 * no per-row objects, one `split` per currency.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import { RatesFormatError } from "../errors.js";
import { fromColumns, type RateTable } from "./rate-table.js";

export const SNAPSHOT_FORMAT = "forex-mesh/ecb-snapshot";
export const SNAPSHOT_VERSION = 1;

export interface SnapshotSource {
  /** Where the import read from (file name or URL), and the SHA-256 of those bytes. */
  name: string;
  sha256: string;
}

const snapshotFile = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  source: z.object({ name: z.string(), sha256: z.string() }),
  first_day: z.string(),
  day_gaps: z.string().regex(/^(?:[1-9]\d{0,5}(?:,[1-9]\d{0,5})*)?$/),
  currencies: z.record(z.string(), z.object({ from: z.number().int().min(0), rates: z.string() })),
});

type SnapshotFile = z.infer<typeof snapshotFile>;

const DAY_MS = 86_400_000;
const LAST_REPRESENTABLE_DAY = Date.UTC(9999, 11, 31);

export function encodeSnapshot(table: RateTable, source: SnapshotSource): Buffer {
  const first = table.days[0]!;
  const gaps = table.days.slice(1).map((day, i) => (Date.parse(day) - Date.parse(table.days[i]!)) / DAY_MS);
  const currencies: SnapshotFile["currencies"] = {};
  for (const code of table.currencies) {
    const span = table.spans.get(code);
    if (span === undefined) continue;
    const values = table.columns.get(code)!.slice(span.first, span.last + 1);
    currencies[code] = { from: span.first, rates: values.map((v) => v ?? "").join(",") };
  }
  const file: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    source,
    first_day: first,
    day_gaps: gaps.join(","),
    currencies,
  };
  return gzipSync(JSON.stringify(file), { level: 9 });
}

/** Accepts the gzipped file or its JSON text. */
export function decodeSnapshot(data: Buffer | string): RateTable {
  const text = typeof data === "string" ? data : gunzipIfNeeded(data).toString("utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RatesFormatError("snapshot is not JSON", { cause });
  }
  const parsed = snapshotFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RatesFormatError(`not a ${SNAPSHOT_FORMAT} v${SNAPSHOT_VERSION} file (${issue?.path.join(".") || "root"}: ${issue?.message})`);
  }
  const file = parsed.data;
  const start = Date.parse(file.first_day);
  if (Number.isNaN(start)) throw new RatesFormatError(`snapshot first_day ${JSON.stringify(file.first_day)} is not a date`);
  const days = [file.first_day];
  let at = start;
  for (const gap of file.day_gaps === "" ? [] : file.day_gaps.split(",")) {
    at += Number(gap) * DAY_MS;
    if (at > LAST_REPRESENTABLE_DAY) throw new RatesFormatError("snapshot days run past the year 9999");
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  const columns = new Map<string, (string | undefined)[]>();
  for (const [code, { from, rates }] of Object.entries(file.currencies)) {
    const values = rates.split(",");
    if (from + values.length > days.length) {
      throw new RatesFormatError(`snapshot column ${code} does not fit the days`);
    }
    const column = new Array<string | undefined>(days.length).fill(undefined);
    values.forEach((rate, offset) => {
      if (rate !== "") column[from + offset] = rate;
    });
    columns.set(code, column);
  }
  return fromColumns(days, columns);
}

/** Gunzips gzip data (by its magic bytes); a corrupt stream is a format error like any other. */
export function gunzipIfNeeded(data: Buffer): Buffer {
  if (!isGzip(data)) return data;
  try {
    return gunzipSync(data, { maxOutputLength: 256 * 1024 * 1024 });
  } catch (cause) {
    throw new RatesFormatError(`corrupt gzip data: ${(cause as Error).message}`, { cause });
  }
}

export function isGzip(data: Buffer): boolean {
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
}
