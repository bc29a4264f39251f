import type { Currency } from "./backends.js";

type Load = (headers: Record<string, string>) => Promise<Currency[]>;

/**
 * Remembers the currency list for `ttlMs` (it changes a few times a decade) and shares one request
 * among concurrent callers. Failures are not remembered, so a recovered forex-rate is used at once.
 */
export function cachedCurrencies(load: Load, { ttlMs, now }: { ttlMs: number; now: () => number }): Load {
  let cached: { at: number; value: Promise<Currency[]> } | undefined;
  return function currencies(headers) {
    if (cached !== undefined && now() - cached.at < ttlMs) return cached.value;
    const value = load(headers);
    const entry = { at: now(), value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
}
