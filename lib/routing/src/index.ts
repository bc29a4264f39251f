/** @module @forex-mesh/routing: the routing table, fault table and routing history schemas, their parsers and weight helpers. */
export { type RouteTableError, RouteTableErrorCode, type RouteTableIssue } from "./errors.js";
export {
  activeFault,
  FAULTS_PREFIX,
  type FaultEntry,
  type FaultTable,
  faultEntrySchema,
  faultKey,
  faultTableSchema,
  isFaultExempt,
  MAX_FAULT_MS,
  pruneFaults,
} from "./faults.js";
export {
  appendHistory,
  HISTORY_CAP,
  HISTORY_PREFIX,
  type HistoryEntry,
  historyEntrySchema,
  historyKey,
  type RoutingHistory,
  routingHistorySchema,
} from "./history.js";
export {
  type Parsed,
  type ParseResult,
  parseFaultTable,
  parseRouteTable,
  parseRoutingHistory,
  validateFaultTable,
  validateRouteTable,
} from "./parse.js";
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
