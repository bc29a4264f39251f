/**
 * @module source: reads rates from a path or an http(s) URL, gzipped or not, in any of the three
 * formats (ECB CSV, ECB XML, our snapshot), detected from the content rather than the file name.
 */
import { readFile } from "node:fs/promises";
import { RatesFormatError } from "../errors.js";
import { parseEcbCsv } from "./parse-csv.js";
import { parseEcbXml } from "./parse-xml.js";
import { buildTable, type RateTable } from "./rate-table.js";
import { decodeSnapshot, gunzipIfNeeded } from "./snapshot.js";

export type SourceFormat = "csv" | "xml" | "snapshot";

export function detectFormat(text: string): SourceFormat {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("<")) return "xml";
  if (head.startsWith("{")) return "snapshot";
  if (/^"?Date"?,/.test(head)) return "csv";
  throw new RatesFormatError(`unrecognised rates format (starts with ${JSON.stringify(head.slice(0, 20))})`);
}

/** Parses bytes from any source into a validated table. */
export function parseRates(data: Buffer): { table: RateTable; format: SourceFormat } {
  const text = gunzipIfNeeded(data).toString("utf8");
  const format = detectFormat(text);
  if (format === "snapshot") return { table: decodeSnapshot(text), format };
  const days = format === "csv" ? parseEcbCsv(text) : parseEcbXml(text);
  return { table: buildTable(days), format };
}

export interface FetchOptions {
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/** The raw bytes at `location`: an http(s) URL (GET, must answer 200) or a file path. */
export async function readSource(location: string, { timeoutMs, fetch = globalThis.fetch }: FetchOptions): Promise<Buffer> {
  if (!/^https?:\/\//i.test(location)) return readFile(location);
  const response = await fetch(location, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  if (response.status !== 200) throw new Error(`GET ${location} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_SOURCE_BYTES) throw new Error(`GET ${location} sent more than ${MAX_SOURCE_BYTES} bytes`);
  return body;
}

export async function loadRates(location: string, options: FetchOptions): Promise<{ table: RateTable; format: SourceFormat }> {
  return parseRates(await readSource(location, options));
}
