/** @module agent: `/v1/agent/self`, which the CLI reads for its UI hints, region and datacenter. */
import type { QueryMeta, QueryOptions, Transport } from "./transport.js";
import type { AgentSelf } from "./types.js";

export function agentApi(t: Transport) {
  return {
    self(q?: QueryOptions): Promise<{ data: AgentSelf; meta: QueryMeta }> {
      return t.query("/v1/agent/self", q);
    },
  };
}
export type AgentApi = ReturnType<typeof agentApi>;
