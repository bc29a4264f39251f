import { createHash } from "node:crypto";

/**
 * The page's only stylesheet, served from a content-hashed URL (cached forever, CSP `style-src
 * 'self'`). Colours are picked for WCAG AA contrast (text ≥ 4.5:1) in both light and dark schemes.
 */
export const STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #eef2f8; --card: #ffffff; --text: #142033; --muted: #4a5568; --line: #cfd8e6; --grid: #e3e9f2;
  --accent: #1d5bbf; --accent-text: #ffffff; --accent-soft: #e4ecfb; --error: #b42318; --error-soft: #fdecea;
  --focus: #f59e0b; --radius: 14px; --shadow: 0 1px 2px rgb(20 32 51 / 6%), 0 8px 24px rgb(20 32 51 / 8%);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1522; --card: #162133; --text: #e7eef8; --muted: #a8b5c8; --line: #2c3b53; --grid: #233147;
    --accent: #7eb0ff; --accent-text: #0b1320; --accent-soft: #1d2d48; --error: #ff9b8f; --error-soft: #3a1d1d;
    --shadow: none;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
a { color: var(--accent); text-underline-offset: 0.2em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.skip-link { position: absolute; left: -999px; top: 0.5rem; background: var(--card); padding: 0.5rem 0.75rem; }
.skip-link:focus { left: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-header, main, .site-footer { max-width: 56rem; margin: 0 auto; padding: 0 1rem; }
.site-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding-top: 1.25rem; }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--text); text-decoration: none; letter-spacing: -0.01em; }
.brand span { color: var(--accent); }
.badge { display: inline-block; font-size: 0.8rem; font-weight: 600; padding: 0.2rem 0.65rem; border-radius: 999px;
  background: var(--accent-soft); color: var(--text); border: 1px solid var(--line); font-variant-numeric: tabular-nums; }
h1 { font-size: clamp(1.6rem, 4vw, 2.2rem); margin: 1.5rem 0 0.25rem; letter-spacing: -0.02em; }
.lede { margin: 0 0 1.25rem; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow);
  padding: 1.25rem; margin-bottom: 1.25rem; }
.converter { display: grid; gap: 1rem; grid-template-columns: 1.2fr 1fr auto 1fr; align-items: start; }
.field { display: flex; flex-direction: column; gap: 0.35rem; min-width: 0; }
.field label { font-weight: 600; font-size: 0.95rem; }
.field .hint { font-size: 0.85rem; color: var(--muted); margin: 0; }
input, select, button { font: inherit; color: inherit; }
input, select { width: 100%; min-height: 2.75rem; padding: 0.5rem 0.75rem; border: 1px solid var(--muted);
  border-radius: 10px; background: var(--card); }
input[aria-invalid="true"], select[aria-invalid="true"] { border: 2px solid var(--error); }
.field-error { color: var(--error); font-size: 0.9rem; font-weight: 600; margin: 0; }
.swap { align-self: start; margin-top: calc(0.95rem * 1.5 + 0.35rem); display: inline-flex; align-items: center; justify-content: center; min-width: 2.75rem;
  min-height: 2.75rem; border-radius: 999px; border: 1px solid var(--line); text-decoration: none; font-size: 1.2rem; }
.swap:hover { background: var(--accent-soft); }
.date-row { grid-column: 1 / 3; }
.actions { grid-column: 3 / 5; align-self: end; display: flex; justify-content: flex-end; }
button[type="submit"] { min-height: 2.75rem; padding: 0.5rem 1.5rem; border: 0; border-radius: 10px; font-weight: 700;
  background: var(--accent); color: var(--accent-text); cursor: pointer; }
button[type="submit"]:hover { filter: brightness(1.08); }
.notice { border: 2px solid var(--error); background: var(--error-soft); border-radius: var(--radius); padding: 0.9rem 1.1rem; margin-bottom: 1.25rem; }
.notice h2 { font-size: 1rem; margin: 0 0 0.25rem; }
.notice p, .notice ul { margin: 0; }
.result { text-align: center; }
.result-line { font-size: clamp(1.3rem, 4.5vw, 2rem); margin: 0.25rem 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.result-line strong { color: var(--accent); }
.result-meta { color: var(--muted); margin: 0.25rem 0; }
.copy-link { margin-left: 0.5rem; padding: 0.15rem 0.7rem; border-radius: 999px; border: 1px solid var(--line);
  background: var(--card); color: var(--accent); cursor: pointer; font-size: 0.9rem; }
.copy-link[hidden] { display: none; }
.copy-status:empty { display: none; }
.chart-card h2, .result h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
.chart-summary { color: var(--muted); margin: 0 0 0.75rem; }
.chart { width: 100%; height: auto; display: block; color: var(--accent); }
.chart-grid line { stroke: var(--grid); stroke-width: 1; }
.chart text { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart-line { stroke: var(--accent); stroke-width: 2.25; stroke-linejoin: round; }
.chart-points circle { fill: transparent; }
.chart-points circle:hover { fill: var(--accent); fill-opacity: 0.35; }
.chart-last { fill: var(--accent); stroke: var(--card); stroke-width: 2; }
details { margin-top: 0.75rem; }
summary { cursor: pointer; color: var(--accent); }
table { border-collapse: collapse; margin-top: 0.5rem; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: 0.2rem 0.75rem; border-bottom: 1px solid var(--grid); }
th:first-child, td:first-child { text-align: left; }
.site-footer { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }
@media (max-width: 40rem) {
  .converter { grid-template-columns: 1fr auto 1fr; }
  .amount-row, .date-row, .actions { grid-column: 1 / -1; }
  button[type="submit"] { width: 100%; }
  .card { padding: 1rem; }
  /* The chart scales down with the screen; larger text in SVG units keeps the axis legible. */
  .chart text { font-size: 22px; }
}
`;

export const STYLESHEET_PATH = `/assets/site.${createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 12)}.css`;
