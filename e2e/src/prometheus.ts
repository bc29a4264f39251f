/**
 * @module A small client for Prometheus' HTTP API (`/api/v1/query`, `/api/v1/alerts`,
 * `/api/v1/rules`): answers validated with zod, errors carrying Prometheus' own message.
 */
import { z } from "zod";
import { E2eError, E2eErrorCode } from "./errors.js";

const sample = z.tuple([z.number(), z.string()]);
const vector = z.array(z.object({ metric: z.record(z.string(), z.string()), value: sample }));
const matrix = z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sample) }));
const envelope = z.object({ status: z.enum(["success", "error"]), data: z.unknown().optional(), error: z.string().optional(), errorType: z.string().optional() });
const alerts = z.object({ alerts: z.array(z.object({ labels: z.record(z.string(), z.string()), state: z.string(), activeAt: z.string().optional() })) });
const rules = z.object({
  groups: z.array(z.object({ name: z.string(), rules: z.array(z.object({ name: z.string(), type: z.enum(["recording", "alerting"]), health: z.string(), lastError: z.string().optional() })) })),
});

export type Series = z.infer<typeof vector>[number];
export type RangeSeries = z.infer<typeof matrix>[number];
export type Alert = z.infer<typeof alerts>["alerts"][number];
export type RuleState = z.infer<typeof rules>["groups"][number]["rules"][number];

export class Prometheus {
  constructor(readonly url: string) {}

  async #get(path: string, params: Record<string, string> = {}): Promise<unknown> {
    const res = await fetch(`${this.url}${path}?${new URLSearchParams(params)}`, { signal: AbortSignal.timeout(10_000) });
    const body = envelope.safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new E2eError(E2eErrorCode.BadAnswer, `${path}: HTTP ${res.status}, not a Prometheus answer`);
    if (body.data.status !== "success") throw new E2eError(E2eErrorCode.PrometheusQuery, `${params.query ?? path}: ${body.data.errorType}: ${body.data.error}`);
    return body.data.data;
  }

  /** An instant vector; `time` in Unix seconds (default: now). A parse error throws. */
  async query(expr: string, time?: number): Promise<Series[]> {
    const data = z.object({ resultType: z.literal("vector"), result: vector }).safeParse(await this.#get("/api/v1/query", time === undefined ? { query: expr } : { query: expr, time: String(time) }));
    if (!data.success) throw new E2eError(E2eErrorCode.BadAnswer, `${expr}: not an instant vector`);
    return data.data.result;
  }

  /** A range selector's raw samples (e.g. `record{...}[2m]`), each with its evaluation time. */
  async samples(selectorWithRange: string): Promise<RangeSeries[]> {
    const data = z.object({ resultType: z.literal("matrix"), result: matrix }).safeParse(await this.#get("/api/v1/query", { query: selectorWithRange }));
    if (!data.success) throw new E2eError(E2eErrorCode.BadAnswer, `${selectorWithRange}: not a range vector`);
    return data.data.result;
  }

  async alerts(): Promise<Alert[]> {
    return alerts.parse(await this.#get("/api/v1/alerts")).alerts;
  }

  async rules(): Promise<RuleState[]> {
    return rules.parse(await this.#get("/api/v1/rules")).groups.flatMap((g) => g.rules);
  }
}
