import { type DependencyCheck, HttpError, type Upstream } from "@forex-mesh/service-kit";
import { WebErrorCodes } from "./errors.js";
import { type Field, isField } from "./form.js";
import type { Point } from "./render/chart.js";

export interface Conversion {
  from: string;
  to: string;
  amount: string;
  result: string;
  rate: string;
  date: string;
}

export type ConvertOutcome =
  | { ok: true; conversion: Conversion; servedBy: string | undefined }
  /** The converter refused the input (4xx): the person can fix it. */
  | { ok: false; status: number; message: string; field: Field | undefined };

export interface Currency {
  code: string;
  name: string;
}

export interface ConvertRequest {
  amount: string;
  from: string;
  to: string;
  date: string;
}

/** What the page needs from the two services behind it. */
export interface Backends {
  convert(request: ConvertRequest, headers: Record<string, string>): Promise<ConvertOutcome>;
  currencies(headers: Record<string, string>): Promise<Currency[]>;
  latestDate(from: string, to: string, headers: Record<string, string>): Promise<string>;
  series(from: string, to: string, start: string, end: string, headers: Record<string, string>): Promise<Point[]>;
  /** Each backend's `/healthz` probe, for /readyz's report (never awaited by readiness itself). */
  dependencyChecks: Record<"forexConverter" | "forexRate", DependencyCheck>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function badAnswer(service: string, what: string): HttpError {
  return new HttpError(502, WebErrorCodes.backendBadAnswer, `${service} answered ${what}`);
}

const CONVERSION_KEYS = ["from", "to", "amount", "result", "rate", "date"] as const;

export function interpretConversion(status: number, body: unknown, servedBy: string | undefined): ConvertOutcome {
  if (status >= 400 && status < 500) {
    const message = isRecord(body) && typeof body.message === "string" ? body.message : "The converter could not use this input.";
    const field = isRecord(body) && typeof body.field === "string" && isField(body.field) ? body.field : undefined;
    return { ok: false, status, message, field };
  }
  if (status !== 200) throw badAnswer("forex-converter", `${status}`);
  if (!isRecord(body) || !CONVERSION_KEYS.every((key) => typeof body[key] === "string")) {
    throw badAnswer("forex-converter", "without a conversion");
  }
  const conversion = Object.fromEntries(CONVERSION_KEYS.map((key) => [key, body[key]])) as unknown as Conversion;
  return { ok: true, conversion, servedBy };
}

/** `/v1/currencies` as a sorted list; accepts names as strings or as `{ name }` objects. */
export function interpretCurrencies(status: number, body: unknown): Currency[] {
  if (status !== 200 || !isRecord(body)) throw badAnswer("forex-rate", `${status} to /v1/currencies`);
  return Object.entries(body)
    .filter(([code]) => /^[A-Z]{3}$/.test(code))
    .map(([code, value]) => ({
      code,
      name: typeof value === "string" ? value : isRecord(value) && typeof value.name === "string" ? value.name : code,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** A Frankfurter time series of one pair as chart points, oldest first. */
export function interpretSeries(status: number, body: unknown, to: string): Point[] {
  if (status !== 200 || !isRecord(body) || !isRecord(body.rates)) throw badAnswer("forex-rate", `${status} to a time series`);
  const points: Point[] = [];
  for (const [date, row] of Object.entries(body.rates)) {
    const rate = isRecord(row) ? row[to] : undefined;
    if (typeof rate === "number" && Number.isFinite(rate) && rate > 0) points.push({ date, rate });
  }
  return points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function createBackends({ converter, rate }: { converter: Upstream; rate: Upstream }): Backends {
  return {
    async convert(request, headers) {
      const params = new URLSearchParams({ amount: request.amount, from: request.from, to: request.to });
      if (request.date !== "") params.set("date", request.date);
      const response = await converter.getJson<unknown>(`/v1/convert?${params}`, headers);
      const servedBy = response.headers["x-forex-version"];
      return interpretConversion(response.status, response.body, typeof servedBy === "string" ? servedBy : undefined);
    },
    async currencies(headers) {
      const response = await rate.getJson<unknown>("/v1/currencies", headers);
      return interpretCurrencies(response.status, response.body);
    },
    async latestDate(from, to, headers) {
      const params = new URLSearchParams({ base: from, symbols: to });
      const response = await rate.getJson<unknown>(`/v1/latest?${params}`, headers);
      const body = response.body;
      if (response.status !== 200 || !isRecord(body) || typeof body.date !== "string") {
        throw badAnswer("forex-rate", `${response.status} to /v1/latest`);
      }
      return body.date;
    },
    async series(from, to, start, end, headers) {
      const params = new URLSearchParams({ base: from, symbols: to });
      const response = await rate.getJson<unknown>(`/v1/${start}..${end}?${params}`, headers);
      return interpretSeries(response.status, response.body, to);
    },
    dependencyChecks: {
      forexConverter: async (timeoutMs) => (await converter.get("/healthz", {}, { timeoutMs })).status,
      forexRate: async (timeoutMs) => (await rate.get("/healthz", {}, { timeoutMs })).status,
    },
  };
}
