/**
 * @module nomad/timers: the one place the Nomad engine waits on the clock: follow-up evals at their
 * `WaitUntil`, progress deadlines, health re-checks. Keyed, so re-arming a key keeps the earlier
 * instant; the clock is injected (`now`) so the callers' decisions stay testable.
 */
export class Timers {
  readonly #byKey = new Map<string, { atMs: number; timer: NodeJS.Timeout }>();
  #closed = false;

  constructor(private readonly now: () => number) {}

  at(key: string, atMs: number, fn: () => void): void {
    if (this.#closed) return;
    const existing = this.#byKey.get(key);
    if (existing && existing.atMs <= atMs) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(
      () => {
        this.#byKey.delete(key);
        fn();
      },
      Math.max(0, atMs - this.now()),
    );
    this.#byKey.set(key, { atMs, timer });
  }

  close(): void {
    this.#closed = true;
    for (const { timer } of this.#byKey.values()) clearTimeout(timer);
    this.#byKey.clear();
  }
}
