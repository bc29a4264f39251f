/** Stable codes for why a routing table was refused; the console and the proxy's logs show them. */
export const RouteTableErrorCode = {
  NotJson: "route_table_not_json",
  Invalid: "route_table_invalid",
} as const;
export type RouteTableErrorCode = (typeof RouteTableErrorCode)[keyof typeof RouteTableErrorCode];

export interface RouteTableIssue {
  /** Where in the document, e.g. `split.1.weight`; empty for the whole value. */
  path: string;
  message: string;
}

export interface RouteTableError {
  code: RouteTableErrorCode;
  /** One line naming every problem, for logs. */
  message: string;
  issues: RouteTableIssue[];
}
