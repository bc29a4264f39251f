import { HttpError, type TextResponse, type Upstream } from "@forex-mesh/service-kit";
import { isLosslessNumber, parse } from "lossless-json";
import { badRateResponse, ConverterErrorCodes } from "./errors.js";
import { type Money, parseRate } from "./money/decimal.js";

export interface RateQuery {
  from: string;
  to: string;
  date: string | undefined;
}

export interface RateQuote {
  rate: Money;
  /** The business day the rate belongs to (a weekend asks for Saturday and gets Friday). */
  date: string;
}

export interface RateSource {
  quote(query: RateQuery, headers: Record<string, string>): Promise<RateQuote>;
  /** forex-rate's `/healthz` status within `timeoutMs`; rejects when it does not answer. */
  health(timeoutMs: number): Promise<number>;
  close(): void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** forex-rate names its own parameters; the converter's caller knows them as from/to/date. */
const FIELD_NAMES = new Map([
  ["base", "from"],
  ["from", "from"],
  ["symbols", "to"],
  ["to", "to"],
  ["date", "date"],
]);

/** The forex-rate path (Frankfurter v1) that answers one pair on one day. */
export function ratePath({ from, to, date }: RateQuery): string {
  const params = new URLSearchParams({ base: from });
  // Same currency: ask for the day's row anyway, so forex-rate still validates currency and date.
  if (from !== to) params.set("symbols", to);
  return `/v1/${date ?? "latest"}?${params}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Turns forex-rate's answer into a quote or an HttpError. The body is parsed losslessly so the rate
 * keeps every digit forex-rate wrote (JSON.parse would round it through a binary float first).
 */
export function interpretRateResponse(query: RateQuery, { status, text }: TextResponse): RateQuote {
  let body: unknown;
  let notJson: unknown;
  try {
    body = parse(text);
  } catch (cause) {
    notJson = cause;
  }
  if (status >= 400 && status < 500) {
    const message = isRecord(body) && typeof body.message === "string" ? body.message : `forex-rate refused the request (${status})`;
    // Only fields our caller can act on are named; anything else is still a 4xx, without a field.
    const field = isRecord(body) && typeof body.field === "string" ? FIELD_NAMES.get(body.field) : undefined;
    throw new HttpError(status, ConverterErrorCodes.rateRejected, message, field === undefined ? {} : { field });
  }
  if (status !== 200) throw badRateResponse(`forex-rate answered ${status}`);
  if (notJson !== undefined) throw badRateResponse("forex-rate answered 200 with a body that is not JSON", notJson);
  if (!isRecord(body) || typeof body.date !== "string" || !DAY.test(body.date) || !isRecord(body.rates)) {
    throw badRateResponse("forex-rate answered without a date and rates");
  }
  if (query.from === query.to) return { rate: parseRateOrThrow("1"), date: body.date };
  const raw = body.rates[query.to];
  if (raw === undefined) {
    throw new HttpError(422, ConverterErrorCodes.rateNotQuoted, `no ${query.from}/${query.to} rate on ${body.date}`, { field: "to" });
  }
  if (!isLosslessNumber(raw)) throw badRateResponse(`forex-rate's ${query.to} rate is not a number`);
  return { rate: parseRateOrThrow(raw.value), date: body.date };
}

function parseRateOrThrow(text: string): Money {
  const parsed = parseRate(text);
  if (!parsed.ok) throw badRateResponse(`forex-rate sent an unusable rate: ${parsed.message}`);
  return parsed.value;
}

/** forex-rate over HTTP (directly, or through the egress sidecar when a Host override is set). */
export function createRateSource(upstream: Upstream): RateSource {
  return {
    async quote(query, headers) {
      return interpretRateResponse(query, await upstream.get(ratePath(query), headers));
    },
    async health(timeoutMs) {
      return (await upstream.get("/healthz", {}, { timeoutMs })).status;
    },
    close: () => upstream.close(),
  };
}
