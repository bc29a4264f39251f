import { HttpError, type Logger } from "@forex-mesh/service-kit";
import type { Backends, Conversion, ConvertOutcome, Currency } from "./backends.js";
import { type Field, FIRST_RATE_DAY, type FormState, hasErrors, readForm } from "./form.js";
import type { Point } from "./render/chart.js";
import { daysBefore } from "./render/format.js";

/** How many business days the chart shows, and a calendar window that surely holds them. */
export const CHART_DAYS = 90;
const CHART_WINDOW_CALENDAR_DAYS = 140;

export interface PageModel {
  version: string;
  form: FormState;
  currencies: Currency[];
  result: { conversion: Conversion; servedBy: string | undefined } | undefined;
  /** A message for the whole form (not one field), e.g. the converter is down. */
  notice: string | undefined;
  chart: { from: string; to: string; points: Point[] } | { from: string; to: string; unavailable: string } | undefined;
}

export interface PageDeps {
  backends: Backends;
  version: string;
  logger: Logger;
  /** Currency list with a cache in front; see currency-cache.ts. */
  currencies: (headers: Record<string, string>) => Promise<Currency[]>;
}

type Settled = { kind: "skipped" } | { kind: "answered"; outcome: ConvertOutcome } | { kind: "failed"; error: unknown };

export const SLOW_MESSAGE = "The converter took too long to answer. Please try again in a moment.";
export const UNAVAILABLE_MESSAGE = "The converter is not answering right now, so no result can be shown. Please try again in a moment.";

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Everything the page shows for one request, and its status: 200, the converter's 4xx for input it
 * refused (400 for our own checks), 502 when a backend failed. Never throws for a backend failure:
 * the form is always rendered.
 */
export async function buildPage(query: Record<string, unknown>, headers: Record<string, string>, deps: PageDeps): Promise<{ status: number; model: PageModel }> {
  const form = readForm(query);
  const errors: Partial<Record<Field, string>> = { ...form.errors };
  let status = hasErrors(form) ? 400 : 200;
  let notice: string | undefined;
  let result: PageModel["result"];
  const { from, to } = form.values;
  const chartWanted = errors.from === undefined && errors.to === undefined && from !== to;
  const chartEnd = errors.date === undefined && form.values.date !== "" ? form.values.date : undefined;

  const conversion: Promise<Settled> =
    form.submitted && !hasErrors(form)
      ? deps.backends.convert({ amount: form.amount, from, to, date: form.values.date }, headers).then(
          (outcome): Settled => ({ kind: "answered", outcome }),
          (error: unknown): Settled => ({ kind: "failed", error }),
        )
      : Promise.resolve({ kind: "skipped" });
  const [currencies, converted, chart] = await Promise.all([
    deps.currencies(headers).catch((error: unknown) => {
      deps.logger.warn({ err: describe(error) }, "currency list unavailable; using the built-in list");
      return FALLBACK_CURRENCIES;
    }),
    conversion,
    chartWanted ? loadChart(from, to, chartEnd, headers, deps) : undefined,
  ]);

  if (converted.kind === "failed") {
    deps.logger.warn({ err: describe(converted.error) }, "conversion failed");
    status = 502;
    const slow = converted.error instanceof HttpError && converted.error.status === 504;
    notice = slow ? SLOW_MESSAGE : UNAVAILABLE_MESSAGE;
  } else if (converted.kind === "answered" && converted.outcome.ok) {
    result = { conversion: converted.outcome.conversion, servedBy: converted.outcome.servedBy };
  } else if (converted.kind === "answered" && !converted.outcome.ok) {
    status = converted.outcome.status;
    if (converted.outcome.field !== undefined) errors[converted.outcome.field] = sentence(converted.outcome.message);
    else notice = sentence(converted.outcome.message);
  }
  return {
    status,
    model: { version: deps.version, form: { ...form, errors }, currencies, result, notice, chart },
  };
}

async function loadChart(from: string, to: string, end: string | undefined, headers: Record<string, string>, deps: PageDeps): Promise<PageModel["chart"]> {
  try {
    const last = end ?? (await deps.backends.latestDate(from, to, headers));
    const startCandidate = daysBefore(last, CHART_WINDOW_CALENDAR_DAYS);
    // ISO days compare as strings; never ask for days before the ECB series begins.
    const start = [startCandidate, FIRST_RATE_DAY].sort()[1]!;
    const points = await deps.backends.series(from, to, start, last, headers);
    return { from, to, points: points.slice(-CHART_DAYS) };
  } catch (error) {
    deps.logger.warn({ err: describe(error) }, "chart data unavailable");
    return { from, to, unavailable: `The ${from}/${to} history is not available right now.` };
  }
}

function sentence(message: string): string {
  const text = message.trim();
  if (text === "") return "This input cannot be converted.";
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Used when forex-rate cannot list its currencies, so the form still works. ECB's current set. */
export const FALLBACK_CURRENCIES: Currency[] =
  "AUD BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF IDR ILS INR ISK JPY KRW MXN MYR NOK NZD PHP PLN RON SEK SGD THB TRY USD ZAR"
    .split(" ")
    .map((code) => ({ code, name: code }));
