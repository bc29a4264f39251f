import { type RouteTableError, RouteTableErrorCode, type RouteTableIssue } from "./errors.js";
import { type RouteTable, routeTableSchema } from "./schema.js";

export type ParseResult = { ok: true; value: RouteTable } | { ok: false; error: RouteTableError };

/** Validates an already-decoded value (what the console holds before it writes the key). */
export function validateRouteTable(value: unknown): ParseResult {
  const result = routeTableSchema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues: RouteTableIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: describe(issue),
  }));
  const message = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)).join("; ");
  return { ok: false, error: { code: RouteTableErrorCode.Invalid, message, issues } };
}

/** Parses the KV value's text (JSON) and validates it; never throws. */
export function parseRouteTable(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `not JSON: ${reason}`;
    return { ok: false, error: { code: RouteTableErrorCode.NotJson, message, issues: [{ path: "", message }] } };
  }
  return validateRouteTable(value);
}

function describe(issue: { code: string; message: string; keys?: readonly string[] }): string {
  // zod's wording for unknown keys does not say what to do about them.
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  return issue.message;
}
