/** @module nodes: `/v1/nodes` and `/v1/node/:id`; the CLI reads `HTTPAddr` to reach a node for logs. */
import type { QueryMeta, QueryOptions, Transport } from "./transport.js";
import type { Node, NodeListStub } from "./types.js";

type Q<T> = Promise<{ data: T; meta: QueryMeta }>;

export function nodesApi(t: Transport) {
  return {
    list(q?: QueryOptions): Q<NodeListStub[]> {
      return t.query("/v1/nodes", q);
    },
    info(id: string, q?: QueryOptions): Q<Node> {
      return t.query(`/v1/node/${encodeURIComponent(id)}`, q);
    },
  };
}
export type NodesApi = ReturnType<typeof nodesApi>;
