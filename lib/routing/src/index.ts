/** @module @forex-mesh/routing: the routing table schema, its parser and weight helpers. */
export { type RouteTableError, RouteTableErrorCode, type RouteTableIssue } from "./errors.js";
export { type ParseResult, parseRouteTable, validateRouteTable } from "./parse.js";
export {
  DEFAULT_OVERRIDE_COOKIE,
  DEFAULT_OVERRIDE_HEADER,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  ROUTES_PREFIX,
  type RouteTable,
  routeKey,
  routeTableSchema,
  type SplitEntry,
  splitEntrySchema,
} from "./schema.js";
export { effectiveSplit, rebalanceWeights, roundTo100 } from "./weights.js";
