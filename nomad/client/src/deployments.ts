/** @module deployments: `/v1/deployments` and `/v1/deployment/...` (API reference §A5). */
import type { QueryMeta, QueryOptions, Transport, WriteMeta, WriteOptions } from "./transport.js";
import type { AllocationListStub, Deployment, DeploymentUpdateResponse } from "./types.js";

type Q<T> = Promise<{ data: T; meta: QueryMeta }>;
type W<T> = Promise<{ data: T; meta: WriteMeta }>;
const id_ = encodeURIComponent;

export function deploymentsApi(t: Transport) {
  const promote = (id: string, all: boolean, groups: string[] | null, w?: WriteOptions): W<DeploymentUpdateResponse> =>
    // The same body the CLI sends; the server requires DeploymentID to match the path.
    t.write("PUT", `/v1/deployment/promote/${id_(id)}`, { DeploymentID: id, All: all, Groups: groups }, w);
  return {
    list(q?: QueryOptions): Q<Deployment[]> {
      return t.query("/v1/deployments", q);
    },
    info(id: string, q?: QueryOptions): Q<Deployment> {
      return t.query(`/v1/deployment/${id_(id)}`, q);
    },
    allocations(id: string, q?: QueryOptions): Q<AllocationListStub[]> {
      return t.query(`/v1/deployment/allocations/${id_(id)}`, q);
    },
    promoteAll(id: string, w?: WriteOptions): W<DeploymentUpdateResponse> {
      return promote(id, true, null, w);
    },
    promoteGroups(id: string, groups: string[], w?: WriteOptions): W<DeploymentUpdateResponse> {
      return promote(id, false, groups, w);
    },
    fail(id: string, w?: WriteOptions): W<DeploymentUpdateResponse> {
      return t.write("PUT", `/v1/deployment/fail/${id_(id)}`, { DeploymentID: id }, w);
    },
  };
}
export type DeploymentsApi = ReturnType<typeof deploymentsApi>;
