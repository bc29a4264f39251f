/**
 * @module The routing table of one service, as stored in Consul KV at `forex-mesh/routes/<service>`.
 * This is the only definition of its shape: the proxy applies it, the console writes it.
 *
 * @example
 * { "split": [{ "version": "v1", "weight": 90 }, { "version": "v2", "weight": 10 }],
 *   "override": { "header": "x-forex-version", "cookie": "forex-version" },
 *   "timeoutMs": 2000, "retry": { "attempts": 2, "budgetPercent": 20, "minPerSecond": 10 } }
 */
import { z } from "zod";

export const ROUTES_PREFIX = "forex-mesh/routes/";
export const DEFAULT_OVERRIDE_HEADER = "x-forex-version";
export const DEFAULT_OVERRIDE_COOKIE = "forex-version";
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_RETRY = Object.freeze({ attempts: 2, budgetPercent: 20, minPerSecond: 10 });

/** The KV key holding the table of `service`. */
export function routeKey(service: string): string {
  return `${ROUTES_PREFIX}${service}`;
}

// RFC 9110 §5.1: a field name is a token; lower case because Node and undici lower-case names.
const headerName = z
  .string()
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, "must be a lower-case HTTP header name (RFC 9110 token)")
  .max(64);
// RFC 6265 §4.1.1: a cookie name is a token too.
const cookieName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "must be a cookie name (RFC 6265 token)")
  .max(64);
const versionName = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9._-]*$/, "may hold only letters, digits, '.', '_' and '-'");

export const splitEntrySchema = z.strictObject({
  version: versionName,
  weight: z.number().int("must be a whole number").min(0, "must be 0 or more").max(100, "must be 100 or less"),
});

export const routeTableSchema = z
  .strictObject({
    split: z.array(splitEntrySchema).min(1, "must name at least one version").max(16),
    override: z
      .strictObject({ header: headerName.optional(), cookie: cookieName.optional() })
      .optional(),
    timeoutMs: z.number().int().min(1).max(120_000).optional(),
    retry: z
      .strictObject({
        attempts: z.number().int().min(0).max(5),
        budgetPercent: z.number().min(0).max(100),
        minPerSecond: z.number().int().min(0).max(1_000),
      })
      .optional(),
  })
  .superRefine((table, ctx) => {
    const seen = new Set<string>();
    for (const [i, entry] of table.split.entries()) {
      if (seen.has(entry.version)) {
        ctx.addIssue({ code: "custom", path: ["split", i, "version"], message: `version "${entry.version}" appears twice` });
      }
      seen.add(entry.version);
    }
    const sum = table.split.reduce((total, entry) => total + entry.weight, 0);
    if (sum !== 100) {
      ctx.addIssue({ code: "custom", path: ["split"], message: `weights sum to ${sum}; they must sum to 100` });
    }
  });

export type SplitEntry = z.infer<typeof splitEntrySchema>;
export type RouteTable = z.infer<typeof routeTableSchema>;
