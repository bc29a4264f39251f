/** @module Small PromQL text helpers: label matchers with correct string escaping. */

export type Matchers = Readonly<Record<string, string>>;

/** A PromQL double-quoted string literal (backslash, quote and newline escaped). */
export function promString(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}

/** `name{a="x",b="y"}`, or just `name` without matchers. Values are matched exactly. */
export function selector(name: string, matchers: Matchers = {}): string {
  const parts = Object.entries(matchers).map(([label, value]) => `${label}=${promString(value)}`);
  return parts.length === 0 ? name : `${name}{${parts.join(",")}}`;
}
