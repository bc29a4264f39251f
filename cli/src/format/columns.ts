/**
 * @module columns: the two table layouts every `nomad` command prints, from ryanuber/columnize as
 * nomad configures it: rows are `|`-separated cells, columns padded to their widest cell and joined
 * by two spaces (`formatList`) or by ` = ` (`formatKV`); the last cell is never padded.
 *
 * @example
 * formatList(["ID|Status", "web|running"]) // "ID   Status\nweb  running"
 */

function columnize(rows: readonly string[], glue: string): string {
  const cells = rows.map((r) => r.split("|").map((c) => c.trim()));
  const widths: number[] = [];
  for (const row of cells) {
    for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  }
  return cells.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join(glue).trimEnd()).join("\n");
}

export const formatList = (rows: readonly string[]): string => columnize(rows, "  ");
export const formatKV = (rows: readonly string[]): string => columnize(rows, " = ");

/** Indents every line, as nomad's monitors do under their `==>` headers. */
export const indent = (text: string, by = "    "): string =>
  text
    .split("\n")
    .map((l) => (l === "" ? l : by + l))
    .join("\n");
