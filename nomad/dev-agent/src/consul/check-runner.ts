/**
 * @module consul/check-runner: runs HTTP and TCP checks at their interval and timeout, expires TTL
 * checks, and reaps services critical past DeregisterCriticalServiceAfter. It is the I/O shell
 * around `check-rules.ts`: it reads the store, and writes only through `store.commit`, so every
 * status change is logged and wakes the health watchers like any other write.
 */
import { connect } from "node:net";
import type { DurableStore } from "../store/durable-store.js";
import type { CheckRecord, CheckStatus } from "../store/types.js";
import { firstRunDelay, servicesToReap } from "./check-rules.js";
import { probeHttp } from "./http-probe.js";

export interface CheckRunnerOptions {
  store: DurableStore;
  now: () => number;
  random: () => number;
  log: (line: string) => void;
  /** How often critical services are considered for deregistration (Consul: 30 s). */
  reapIntervalMs?: number;
  /** Floor for DeregisterCriticalServiceAfter (Consul: 1 m). */
  deregisterMinimumMs?: number;
}

interface Running {
  /** The definition the timer was started for, to notice a re-registration with new settings. */
  signature: string;
  timer: NodeJS.Timeout | undefined;
  stopped: boolean;
}

export class CheckRunner {
  readonly #o: Required<CheckRunnerOptions>;
  readonly #running = new Map<string, Running>();
  readonly #reaper: NodeJS.Timeout;

  constructor(options: CheckRunnerOptions) {
    this.#o = { reapIntervalMs: 30_000, deregisterMinimumMs: 60_000, ...options };
    this.#reaper = setInterval(() => void this.#reap(), this.#o.reapIntervalMs);
    this.#reaper.unref();
    this.reconcile();
  }

  /** Starts timers for new checks and stops those of removed ones; called after check changes. */
  reconcile(): void {
    const checks = this.#o.store.state.checks;
    for (const [id, running] of this.#running) {
      const check = checks.get(id);
      if (check === undefined || signature(check) !== running.signature) this.#stop(id);
    }
    for (const check of checks.values()) if (!this.#running.has(check.id)) this.#start(check);
  }

  /** A TTL check was refreshed: its expiry starts again. */
  ttlTouched(id: string): void {
    const check = this.#o.store.state.checks.get(id);
    const running = this.#running.get(id);
    if (check === undefined || running === undefined || check.definition.type !== "ttl") return;
    clearTimeout(running.timer);
    this.#armTtl(check, running);
  }

  stop(): void {
    clearInterval(this.#reaper);
    for (const id of [...this.#running.keys()]) this.#stop(id);
  }

  #start(check: CheckRecord): void {
    const running: Running = { signature: signature(check), timer: undefined, stopped: false };
    this.#running.set(check.id, running);
    const d = check.definition;
    if (d.type === "ttl") this.#armTtl(check, running);
    else if (d.type === "http" || d.type === "tcp") {
      running.timer = setTimeout(() => void this.#probeLoop(check.id, running), firstRunDelay(d.intervalMs ?? 10_000, this.#o.random));
    }
  }

  #stop(id: string): void {
    const running = this.#running.get(id);
    if (running === undefined) return;
    running.stopped = true;
    clearTimeout(running.timer);
    this.#running.delete(id);
  }

  #armTtl(check: CheckRecord, running: Running): void {
    running.timer = setTimeout(() => {
      if (!running.stopped) void this.#report(check.id, "critical", "TTL expired");
    }, check.definition.ttlMs ?? 30_000);
  }

  async #probeLoop(id: string, running: Running): Promise<void> {
    const check = this.#o.store.state.checks.get(id);
    if (running.stopped || check === undefined) return;
    let result: { status: CheckStatus; output: string };
    try {
      result = await probe(check);
    } catch (error) {
      // A definition the socket layer rejects (say, a TCP port out of range) is a failing check,
      // never a crashed agent.
      result = { status: "critical", output: (error as Error).message };
    }
    const { status, output } = result;
    if (running.stopped) return;
    await this.#report(id, status, output);
    if (!running.stopped) running.timer = setTimeout(() => void this.#probeLoop(id, running), check.definition.intervalMs ?? 10_000);
  }

  async #report(id: string, status: CheckStatus, output: string): Promise<void> {
    const current = this.#o.store.state.checks.get(id);
    // Only a status change (or a first output) is logged: output-only changes would cost an fsync
    // per probe, and Consul too syncs them lazily.
    if (current === undefined) return;
    if (current.status === status && (current.output !== "" || output === "")) return;
    try {
      await this.#o.store.commit({ type: "check-update", id, status, output, now: this.#o.now() });
    } catch (error) {
      this.#o.log(`check ${id}: could not record status: ${(error as Error).message}`);
    }
  }

  async #reap(): Promise<void> {
    for (const serviceId of servicesToReap(this.#o.store.state, this.#o.now(), this.#o.deregisterMinimumMs)) {
      this.#o.log(`deregistering service ${serviceId}: critical longer than DeregisterCriticalServiceAfter`);
      try {
        await this.#o.store.commit({ type: "service-deregister", id: serviceId });
      } catch (error) {
        this.#o.log(`could not deregister ${serviceId}: ${(error as Error).message}`);
      }
    }
  }
}

function signature(check: CheckRecord): string {
  return JSON.stringify(check.definition);
}

async function probe(check: CheckRecord): Promise<{ status: CheckStatus; output: string }> {
  const d = check.definition;
  const timeoutMs = d.timeoutMs ?? 10_000;
  if (d.type === "tcp") return probeTcp(d.tcp ?? "", timeoutMs);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.header ?? {})) headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
  return probeHttp({ url: d.http ?? "", method: d.method ?? "GET", headers, body: d.body, timeoutMs });
}

function probeTcp(address: string, timeoutMs: number): Promise<{ status: CheckStatus; output: string }> {
  const cut = address.lastIndexOf(":");
  const host = address.slice(0, cut).replace(/^\[|\]$/g, "");
  const port = Number(address.slice(cut + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once("connect", () => {
      socket.destroy();
      resolve({ status: "passing", output: `TCP connect ${address}: Success` });
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve({ status: "critical", output: `dial tcp ${address}: i/o timeout` });
    });
    socket.once("error", (error) => resolve({ status: "critical", output: `dial tcp ${address}: ${error.message}` }));
  });
}
