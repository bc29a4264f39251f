import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { Topology } from "../server/mesh";
import { fetchJson } from "./fetch-json";

/** The topology, polled; the previous answer stays on screen while the next one loads (no flicker). */
export const topologyQuery = (pollMs: number) =>
  queryOptions({
    queryKey: ["topology"],
    queryFn: () => fetchJson<Topology>("/api/topology"),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
