/** @module @forex-mesh/rate: ECB reference rates behind a Frankfurter v1-compatible API. */
export { createApp, type AppDeps } from "./app.js";
export { loadRateConfig, rateEnv, type RateConfig, DEFAULT_SNAPSHOT } from "./config.js";
export { RateErrorCodes, type RateError, type RateErrorCode } from "./errors.js";
export { crossQuote, SIGNIFICANT_DIGITS } from "./data/quote.js";
export { buildTable, mergeTables, type DayRates, type RateTable } from "./data/rate-table.js";
export { parseEcbCsv } from "./data/parse-csv.js";
export { parseEcbXml } from "./data/parse-xml.js";
export { decodeSnapshot, encodeSnapshot } from "./data/snapshot.js";
export { detectFormat, loadRates, parseRates, type SourceFormat } from "./data/source.js";
export { createRateStore, type RateStore, type StoreStatus } from "./store.js";
