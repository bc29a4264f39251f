/** @module evaluations: `/v1/evaluations` and `/v1/evaluation/:id` (API reference §A5). */
import type { QueryMeta, QueryOptions, Transport } from "./transport.js";
import type { AllocationListStub, Evaluation } from "./types.js";

type Q<T> = Promise<{ data: T; meta: QueryMeta }>;
const evalPath = (id: string, sub = "") => `/v1/evaluation/${encodeURIComponent(id)}${sub}`;

export function evaluationsApi(t: Transport) {
  return {
    list(q?: QueryOptions): Q<Evaluation[]> {
      return t.query("/v1/evaluations", q);
    },
    /** `related: true` adds `RelatedEvals`, as the CLI's eval monitor asks. */
    info(id: string, o: { related?: boolean } = {}, q: QueryOptions = {}): Q<Evaluation> {
      return t.query(evalPath(id), { ...q, params: { ...q.params, related: o.related ? true : undefined } });
    },
    allocations(id: string, q?: QueryOptions): Q<AllocationListStub[]> {
      return t.query(evalPath(id, "/allocations"), q);
    },
  };
}
export type EvaluationsApi = ReturnType<typeof evaluationsApi>;
