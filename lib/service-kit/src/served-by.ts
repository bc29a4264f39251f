/**
 * @module `x-forex-served-by`: which version of every service answered one request, as a
 * comma-separated chain of `service=version`, this service first, then the chains of the upstream
 * answers it used (e.g. `forex-web=v1, forex-converter=v1, forex-rate=v2`). An edge-to-rate proof
 * ("10% of requests reach forex-rate v2") reads it from the outermost response.
 */

export const SERVED_BY_HEADER = "x-forex-served-by";
/** Bounds the header whatever upstreams send: beyond it entries are dropped and "..." ends the chain (ASCII: header values are latin1). */
export const SERVED_BY_MAX_LENGTH = 512;

const ENTRY = /^[a-z0-9][a-z0-9-]{0,62}=[A-Za-z0-9._-]{0,64}$/;

/** The entries of one upstream's header value that look like `service=version`; anything else is dropped. */
export function parseServedBy(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(",") : value;
  if (text.length > SERVED_BY_MAX_LENGTH * 2) return [];
  const entries: string[] = [];
  for (const part of text.split(",")) {
    const entry = part.trim();
    if (entry === "...") continue;
    if (ENTRY.test(entry)) entries.push(entry);
  }
  return entries;
}

/** `self` then the upstream entries, joined with ", ", cut at an entry boundary to the cap. */
export function formatServedBy(self: string, upstream: readonly string[]): string {
  let out = self;
  for (const entry of upstream) {
    // Room for ", ..." (5 characters) must remain whenever something is left out.
    if (out.length + 2 + entry.length > SERVED_BY_MAX_LENGTH - 5) return `${out}, ...`;
    out = `${out}, ${entry}`;
  }
  return out;
}
