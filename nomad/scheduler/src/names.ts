/**
 * @module names: allocation names `<job>.<group>[<index>]` and the index picker, after Nomad's
 * `allocNameIndex` (scheduler/reconcile_util.go): free indexes below `Count` are reused lowest
 * first; canaries prefer the index of an alloc they will replace, so after promotion the old alloc
 * with the same name is the one stopped.
 */
import type { Allocation } from "./types.js";

export function allocName(jobId: string, group: string, index: number): string {
  return `${jobId}.${group}[${index}]`;
}

/** The index in `web.web[3]`, or -1 when the name has none. */
export function allocIndex(name: string): number {
  const match = /\[(\d+)\]$/.exec(name);
  return match ? Number(match[1]) : -1;
}

export class NameIndex {
  private readonly used = new Set<number>();

  constructor(
    private readonly jobId: string,
    private readonly group: string,
    private readonly count: number,
    taken: Iterable<Allocation>,
  ) {
    for (const alloc of taken) {
      const index = allocIndex(alloc.Name);
      if (index >= 0) this.used.add(index);
    }
  }

  /** `n` names for new allocs: free indexes below `count` first, then overlapping from 0. */
  next(n: number): string[] {
    const names: string[] = [];
    for (let i = 0; i < this.count && names.length < n; i++) {
      if (this.used.has(i)) continue;
      this.used.add(i);
      names.push(this.name(i));
    }
    // Every index below count is taken (more allocs than Count): Nomad then overlaps from 0.
    for (let i = 0; names.length < n; i++) {
      this.used.add(i);
      names.push(this.name(i));
    }
    return names;
  }

  /**
   * `n` canary names: first the indexes of allocs being destructively replaced (not already used
   * by a canary), then free indexes, then indexes from `count` upward so extra canaries never
   * share a name with a kept alloc.
   */
  nextCanaries(n: number, canaries: Allocation[], destructive: Allocation[]): string[] {
    const names: string[] = [];
    const canaryNames = new Set(canaries.map((a) => a.Name));
    const replaced = [...new Set(destructive.map((a) => allocIndex(a.Name)))]
      .filter((i) => i >= 0 && i < this.count)
      .sort((a, b) => a - b);
    for (const i of replaced) {
      if (names.length >= n) return names;
      const name = this.name(i);
      if (canaryNames.has(name)) continue;
      this.used.add(i);
      names.push(name);
      canaryNames.add(name);
    }
    for (let i = 0; i < this.count && names.length < n; i++) {
      const name = this.name(i);
      if (this.used.has(i) || canaryNames.has(name)) continue;
      this.used.add(i);
      names.push(name);
      canaryNames.add(name);
    }
    for (let i = this.count; names.length < n; i++) {
      const name = this.name(i);
      if (canaryNames.has(name)) continue;
      names.push(name);
      canaryNames.add(name);
    }
    return names;
  }

  /** The lowest index not in use, even at or past `count`: a name no kept alloc has. */
  nextFree(): string {
    let i = 0;
    while (this.used.has(i)) i++;
    this.used.add(i);
    return this.name(i);
  }

  /** The `n` highest indexes in use: the allocs a scale-down removes. */
  highest(n: number): Set<string> {
    const sorted = [...this.used].sort((a, b) => b - a).slice(0, n);
    return new Set(sorted.map((i) => this.name(i)));
  }

  private name(index: number): string {
    return allocName(this.jobId, this.group, index);
  }
}
