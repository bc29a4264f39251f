/**
 * @module http/query-filter: applies `?filter=` to a list answer; a bad expression is a 400 before
 * any blocking starts.
 */
import { compileFilter, type Predicate } from "../consul/filter.js";
import { badRequest } from "../errors.js";
import type { Context } from "./context.js";

export function filterFrom(ctx: Context): Predicate {
  const source = ctx.query.get("filter");
  if (source === null || source.trim() === "") return () => true;
  const compiled = compileFilter(source);
  if (!compiled.ok) throw badRequest(compiled.error, "INVALID_FILTER");
  return compiled.predicate;
}
