import type { z } from "zod";
import { type RolloutIssue, type RolloutParseError, RolloutErrorCode } from "./errors.js";
import {
  type RolloutControl,
  type RolloutSpec,
  type RolloutStatus,
  rolloutControlSchema,
  rolloutSpecSchema,
  rolloutStatusSchema,
} from "./schema.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: RolloutParseError };

/** Validates an already-decoded spec (what the console holds before it writes the key); fills in defaults. */
export function validateRolloutSpec(value: unknown): Parsed<RolloutSpec> {
  return validateWith(rolloutSpecSchema, value);
}

/** Parses a KV value's text (JSON) and validates it; never throws. */
export function parseRolloutSpec(text: string): Parsed<RolloutSpec> {
  return parseWith(rolloutSpecSchema, text);
}

export function validateRolloutControl(value: unknown): Parsed<RolloutControl> {
  return validateWith(rolloutControlSchema, value);
}

export function parseRolloutControl(text: string): Parsed<RolloutControl> {
  return parseWith(rolloutControlSchema, text);
}

export function validateRolloutStatus(value: unknown): Parsed<RolloutStatus> {
  return validateWith(rolloutStatusSchema, value);
}

export function parseRolloutStatus(text: string): Parsed<RolloutStatus> {
  return parseWith(rolloutStatusSchema, text);
}

function validateWith<T>(schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues: RolloutIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: describe(issue),
  }));
  const message = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)).join("; ");
  return { ok: false, error: { code: RolloutErrorCode.Invalid, message, issues } };
}

function parseWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: { code: RolloutErrorCode.NotJson, message, issues: [{ path: "", message }] } };
  }
  return validateWith(schema, value);
}

function describe(issue: { code: string; message: string; keys?: readonly string[] }): string {
  if (issue.code === "unrecognized_keys" && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  }
  return issue.message;
}
