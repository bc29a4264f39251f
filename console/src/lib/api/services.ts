import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { RouteTable } from "@forex-mesh/routing";
import type { DeployResult } from "../server/deploy";
import type { JobHistory } from "../server/history";
import type { RolloutState } from "../server/rollout";
import type { ServiceDetail, serviceMetrics } from "../server/mesh";
import type { ActiveFault } from "../view/faults";
import type { ChartWindow } from "../view/series";
import { fetchJson } from "./fetch-json";

export type Metrics = Awaited<ReturnType<typeof serviceMetrics>>;

export const serviceQuery = (name: string, pollMs: number) =>
  queryOptions({
    queryKey: ["service", name],
    queryFn: () => fetchJson<ServiceDetail>(`/api/services/${encodeURIComponent(name)}`),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });

export const metricsQuery = (name: string, window: ChartWindow, pollMs: number) =>
  queryOptions({
    queryKey: ["service", name, "metrics", window],
    queryFn: () => fetchJson<Metrics>(`/api/services/${encodeURIComponent(name)}/metrics?window=${window}`),
    refetchInterval: Math.max(pollMs, 5_000),
    placeholderData: keepPreviousData,
  });

export const setWeight = (name: string, change: { version: string; weight: number; via?: "button" | "slider" }) =>
  fetchJson<{ table: RouteTable; revision: number }>(`/api/services/${encodeURIComponent(name)}/routes`, { method: "PUT", body: JSON.stringify(change) });

/** Sets the override cookie in this browser (the edge shares the console's host; cookies ignore ports). */
export const setOverride = (name: string, version: string) =>
  fetchJson<{ cookie: string; version: string }>("/api/override", { method: "POST", body: JSON.stringify({ service: name, version }) });

export const deploymentAction = (name: string, action: "promote" | "rollback") =>
  fetchJson<{ deployment: string; table: RouteTable }>(`/api/services/${encodeURIComponent(name)}/deployment`, { method: "POST", body: JSON.stringify({ action }) });

export const deployVersion = (name: string, req: { version: string; env: Record<string, string> }) =>
  fetchJson<DeployResult>(`/api/services/${encodeURIComponent(name)}/deploy`, { method: "POST", body: JSON.stringify(req) });

export const setFault = (name: string, req: { version: string; latencyMs: number; errorRatio: number; minutes: number }) =>
  fetchJson<{ service: string; faults: ActiveFault[] }>(`/api/services/${encodeURIComponent(name)}/faults`, { method: "PUT", body: JSON.stringify(req) });

export const clearFault = (name: string, version: string | null) =>
  fetchJson<{ service: string; faults: ActiveFault[] }>(`/api/services/${encodeURIComponent(name)}/faults${version === null ? "" : `?version=${encodeURIComponent(version)}`}`, { method: "DELETE" });

export const rolloutQuery = (name: string, pollMs: number) =>
  queryOptions({
    queryKey: ["service", name, "rollout"],
    queryFn: () => fetchJson<RolloutState>(`/api/services/${encodeURIComponent(name)}/rollout`),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });

export const startRollout = (name: string, input: { steps?: number[]; stepSeconds?: number; gates?: Record<string, number> }) =>
  fetchJson<RolloutState>(`/api/services/${encodeURIComponent(name)}/rollout`, { method: "POST", body: JSON.stringify(input) });

export const controlRollout = (name: string, command: "pause" | "resume" | "abort") =>
  fetchJson<RolloutState>(`/api/services/${encodeURIComponent(name)}/rollout/control`, { method: "POST", body: JSON.stringify({ command }) });

export const historyQuery = (job: string, pollMs: number) =>
  queryOptions({
    queryKey: ["history", job],
    queryFn: () => fetchJson<JobHistory>(`/api/jobs/${encodeURIComponent(job)}/history`),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });

export const revertJob = (job: string, version: number, priorVersion: number) =>
  fetchJson<{ job: string; version: number; evalId: string | null }>(`/api/jobs/${encodeURIComponent(job)}/revert`, { method: "POST", body: JSON.stringify({ version, priorVersion }) });
