import type { z } from "zod";
import { type RouteTableError, RouteTableErrorCode, type RouteTableIssue } from "./errors.js";
import { type FaultTable, faultTableSchema } from "./faults.js";
import { type RoutingHistory, routingHistorySchema } from "./history.js";
import { type RouteTable, routeTableSchema } from "./schema.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: RouteTableError };
export type ParseResult = Parsed<RouteTable>;

/** Validates an already-decoded value (what the console holds before it writes the key). */
export function validateRouteTable(value: unknown): ParseResult {
  return validateWith(routeTableSchema, value);
}

/** Parses the KV value's text (JSON) and validates it; never throws. */
export function parseRouteTable(text: string): ParseResult {
  return parseWith(routeTableSchema, text);
}

export function validateFaultTable(value: unknown): Parsed<FaultTable> {
  return validateWith(faultTableSchema, value);
}

export function parseFaultTable(text: string): Parsed<FaultTable> {
  return parseWith(faultTableSchema, text);
}

export function parseRoutingHistory(text: string): Parsed<RoutingHistory> {
  return parseWith(routingHistorySchema, text);
}

function validateWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues: RouteTableIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: describe(issue),
  }));
  const message = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)).join("; ");
  return { ok: false, error: { code: RouteTableErrorCode.Invalid, message, issues } };
}

function parseWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `not JSON: ${reason}`;
    return { ok: false, error: { code: RouteTableErrorCode.NotJson, message, issues: [{ path: "", message }] } };
  }
  return validateWith(schema, value);
}

function describe(issue: { code: string; message: string; keys?: readonly string[] }): string {
  // zod's wording for unknown keys does not say what to do about them.
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  return issue.message;
}
