/** @module @forex-mesh/converter: forex-converter, exact currency conversion over forex-rate. */
export { type Conversion, type ConverterDeps, createApp } from "./app.js";
export { type ConverterConfig, converterEnv, loadConverterConfig } from "./config.js";
export { ConverterErrorCodes } from "./errors.js";
export { convertAmount, Money, parseAmount, parseRate } from "./money/decimal.js";
export { knownCurrencies, minorUnits } from "./money/minor-units.js";
export { type ConvertQuery, parseConvertQuery } from "./query.js";
export { createRateSource, interpretRateResponse, type RateQuote, type RateSource, ratePath } from "./rate-client.js";
