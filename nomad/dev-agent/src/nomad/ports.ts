/**
 * @module nomad/ports: host ports for allocations. Dynamic ports come from 20000-32000 (Nomad's
 * default range, below Linux's ephemeral range where test agents get their own ports); a port is
 * never handed out while a live alloc holds it, and is probed with a bind first because other
 * programs (or another agent on the same machine) may hold it. Static ports collide only with
 * live allocs of other jobs (one job's old and new allocs replace each other).
 */
import { createServer } from "node:net";
import type { Allocation, TaskGroup } from "@forex-mesh/scheduler";

export const DYNAMIC_PORT_MIN = 20_000;
export const DYNAMIC_PORT_MAX = 32_000;

export interface PortSpec {
  Label: string;
  Value: number;
  To: number;
}

export interface AllocatedPort {
  Label: string;
  Value: number;
  To: number;
  HostIP: string;
}

/** The group network's ports, static ones (`Value > 0`) and dynamic ones (`Value` 0). */
export function groupPorts(group: TaskGroup): { reserved: PortSpec[]; dynamic: PortSpec[] } {
  const networks = (group.Networks as Array<{ ReservedPorts?: PortSpec[] | null; DynamicPorts?: PortSpec[] | null }> | null) ?? [];
  const reserved: PortSpec[] = [];
  const dynamic: PortSpec[] = [];
  for (const n of networks) {
    for (const p of n.ReservedPorts ?? []) reserved.push({ Label: p.Label, Value: p.Value, To: p.To ?? 0 });
    for (const p of n.DynamicPorts ?? []) (p.Value > 0 ? reserved : dynamic).push({ Label: p.Label, Value: p.Value, To: p.To ?? 0 });
  }
  return { reserved, dynamic };
}

export function allocPorts(alloc: Allocation): AllocatedPort[] {
  const shared = (alloc.AllocatedResources as { Shared?: { Ports?: AllocatedPort[] | null } } | undefined)?.Shared;
  return shared?.Ports ?? [];
}

/** Ports held by allocs that are, or may still be, running. */
export function portsInUse(allocs: Iterable<Allocation>): Map<number, string> {
  const used = new Map<number, string>();
  for (const a of allocs) {
    if (a.ClientStatus === "complete" || a.ClientStatus === "failed" || a.ClientStatus === "lost") continue;
    for (const p of allocPorts(a)) used.set(p.Value, a.JobID);
  }
  return used;
}

export class PortAllocator {
  #cursor: number;

  constructor(random: () => number) {
    // A random start keeps agents sharing one machine (parallel tests) out of each other's way.
    this.#cursor = DYNAMIC_PORT_MIN + Math.floor(random() * (DYNAMIC_PORT_MAX - DYNAMIC_PORT_MIN));
  }

  /** Picks `count` free ports not in `used` (and adds them to it). */
  async take(count: number, used: Set<number>): Promise<number[]> {
    const out: number[] = [];
    for (let tries = 0; out.length < count && tries < DYNAMIC_PORT_MAX - DYNAMIC_PORT_MIN; tries++) {
      const port = this.#cursor;
      this.#cursor = port >= DYNAMIC_PORT_MAX ? DYNAMIC_PORT_MIN : port + 1;
      if (used.has(port) || !(await bindable(port))) continue;
      used.add(port);
      out.push(port);
    }
    if (out.length < count) throw new Error("dynamic port range exhausted");
    return out;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
