/**
 * @module Retry budget (Finagle's RetryBudget idea): retries may be at most `percent` of the
 * requests seen in the last `windowSeconds`, plus a floor of `minPerSecond` per second, so a
 * failing upstream gets at most a bounded extra load instead of a retry storm. The clock comes in.
 */

export interface BudgetSettings {
  budgetPercent: number;
  minPerSecond: number;
}

export class RetryBudget {
  readonly #requests: Int32Array;
  readonly #retries: Int32Array;
  #second = 0;
  settings: BudgetSettings;

  constructor(
    settings: BudgetSettings,
    readonly windowSeconds = 10,
  ) {
    this.settings = settings;
    this.#requests = new Int32Array(windowSeconds);
    this.#retries = new Int32Array(windowSeconds);
  }

  /** Counts an original request (not a retry). */
  recordRequest(nowMs: number): void {
    this.#advance(nowMs);
    this.#requests[this.#second % this.windowSeconds]! += 1;
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryWithdraw(nowMs: number): boolean {
    this.#advance(nowMs);
    let requests = 0;
    let retries = 0;
    for (let i = 0; i < this.windowSeconds; i++) {
      requests += this.#requests[i]!;
      retries += this.#retries[i]!;
    }
    const allowed = (requests * this.settings.budgetPercent) / 100 + this.settings.minPerSecond * this.windowSeconds;
    if (retries + 1 > allowed) return false;
    this.#retries[this.#second % this.windowSeconds]! += 1;
    return true;
  }

  #advance(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    if (second <= this.#second) return;
    // Clear the slots of the seconds that passed without traffic (at most the whole window).
    const steps = Math.min(second - this.#second, this.windowSeconds);
    for (let s = 1; s <= steps; s++) {
      const slot = (this.#second + s) % this.windowSeconds;
      this.#requests[slot] = 0;
      this.#retries[slot] = 0;
    }
    this.#second = second;
  }
}
