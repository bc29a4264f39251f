export const fmtRps = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));
export const fmtPct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(v >= 0.999 || v === 0 ? 0 : 1)}%`);
export const fmtMs = (v: number | null) => (v === null ? "–" : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
