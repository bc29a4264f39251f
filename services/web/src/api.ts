/**
 * @module `GET /api/convert?amount=&from=&to=[&date=]`: the page's conversion as JSON, for machines
 * (the console's "n% of requests through the edge reach forex-rate v2" proof reads the answer's
 * `x-forex-served-by`). Same checks and wording as the page's form; errors are JSON.
 */
import { HttpError } from "@forex-mesh/service-kit";
import type { Backends, Conversion, ConvertRequest } from "./backends.js";
import { WebErrorCodes } from "./errors.js";
import { FIELDS, readForm } from "./form.js";

/** The conversion the query asks for, or the 400 the page's form would have shown first. Pure. */
export function readApiConvertQuery(query: Record<string, unknown>): ConvertRequest {
  const form = readForm(query);
  // The page fills in defaults for an empty query; an API call must say what it wants.
  for (const field of ["amount", "from", "to"] as const) {
    if (typeof query[field] !== "string" && !Array.isArray(query[field])) {
      throw new HttpError(400, WebErrorCodes.invalidInput, `${field} is required`, { field });
    }
  }
  for (const field of FIELDS) {
    const message = form.errors[field];
    if (message !== undefined) throw new HttpError(400, WebErrorCodes.invalidInput, message, { field });
  }
  return { amount: form.amount, from: form.values.from, to: form.values.to, date: form.values.date };
}

/** Asks forex-converter; its refusals keep their status, its failures are the usual 502/504. */
export async function apiConvert(query: Record<string, unknown>, headers: Record<string, string>, backends: Backends): Promise<Conversion> {
  const request = readApiConvertQuery(query);
  const outcome = await backends.convert(request, headers);
  if (!outcome.ok) {
    throw new HttpError(outcome.status, WebErrorCodes.conversionRefused, outcome.message, outcome.field === undefined ? {} : { field: outcome.field });
  }
  return outcome.conversion;
}
