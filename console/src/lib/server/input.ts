/** @module input: zod schemas for every API input (path segments, query strings, bodies). */
import { z } from "zod";
import { WINDOWS } from "../view/series";
import { ConsoleError, ConsoleErrorCode } from "./errors";

export const serviceName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a service name (lower-case letters, digits, '-')");
export const chartWindow = z.enum(Object.keys(WINDOWS) as [keyof typeof WINDOWS, ...Array<keyof typeof WINDOWS>]).default("15m");
// The version's own rules (characters, length) are the routing schema's; it reports them by name.
export const weightChange = z.strictObject({
  version: z.string().min(1, "name a version").max(64),
  weight: z.number().int("must be a whole number").min(0).max(100),
  /** Where the change came from ("button", "slider"), kept in the routing history. */
  via: z.enum(["button", "slider", "api"]).default("api"),
});
export const logQuery = z.strictObject({
  alloc: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a full allocation id"),
  task: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be a task name"),
  type: z.enum(["stdout", "stderr"]).default("stdout"),
  tail: z.coerce.number().int().min(0).max(1_048_576).default(16_384),
});
export const login = z.strictObject({ password: z.string().min(1, "enter the password").max(256), next: z.string().optional() });

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new ConsoleError(ConsoleErrorCode.InvalidInput, `${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`, issues);
}

export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ConsoleError(ConsoleErrorCode.InvalidInput, "the body must be JSON");
  }
}

/** Only local paths, so the login form cannot be used to bounce somebody to another site. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?!\/)[^\\\s]*$/.test(next) ? next : "/";
}
