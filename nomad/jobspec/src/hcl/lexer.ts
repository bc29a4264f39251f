/**
 * @module hcl/lexer: turns HCL2 native syntax into tokens with line numbers. Quoted strings and
 * heredocs are split into literal text and raw `${…}` interpolation sources here; the parser decides
 * later whether an interpolation is ours (`var.x`) or Nomad's runtime (`${NOMAD_PORT_http}`).
 * https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
 */
import { JobspecError, JobspecErrorCode } from "../errors.js";

/** One piece of a string template: literal text, or the raw source between `${` and `}`. */
export type TemplatePart = { text: string } | { interp: string; line: number };

export type Token =
  | { kind: "ident"; value: string; line: number }
  | { kind: "number"; value: number; line: number }
  | { kind: "string"; parts: TemplatePart[]; line: number }
  | { kind: "punct"; value: string; line: number }
  | { kind: "newline"; line: number }
  | { kind: "eof"; line: number };

const PUNCT = new Set(["{", "}", "[", "]", "(", ")", "=", ",", ".", ":", "-"]);
const OPERATORS = ["==", "!=", ">=", "<=", "&&", "||", "=>", "...", "+", "*", "/", "%", "?", "!", "<", ">"];

export function tokenize(src: string, filename: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  const fail = (msg: string): never => {
    throw new JobspecError(JobspecErrorCode.Syntax, msg, { filename, line });
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === "\n") {
      out.push({ kind: "newline", line });
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "#" || (c === "/" && src[i + 1] === "/")) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) fail("unterminated /* comment");
      for (let k = i; k < end; k++) if (src[k] === "\n") line++;
      i = end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j]!)) j++;
      out.push({ kind: "ident", value: src.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
      out.push({ kind: "number", value: Number(m[0]), line });
      i += m[0].length;
    } else if (c === '"') {
      const startLine = line;
      const r = readTemplate(src, i + 1, '"', line, filename);
      out.push({ kind: "string", parts: r.parts, line: startLine });
      i = r.end;
      line = r.line;
    } else if (c === "<" && src[i + 1] === "<") {
      const startLine = line;
      const r = readHeredoc(src, i, line, filename);
      out.push({ kind: "string", parts: r.parts, line: startLine });
      i = r.end;
      line = r.line;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (op) {
        fail(`unsupported operator "${op}": only literals, lists, objects and var./local. references are supported`);
      }
      if (!PUNCT.has(c)) fail(`unexpected character ${JSON.stringify(c)}`);
      out.push({ kind: "punct", value: c, line });
      i++;
    }
  }
  out.push({ kind: "eof", line });
  return out;
}

interface TemplateRead {
  parts: TemplatePart[];
  end: number;
  line: number;
}

/** Reads a quoted template body (after the opening quote) up to the closing quote. */
function readTemplate(src: string, start: number, close: '"', line0: number, filename: string): TemplateRead {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = start;
  const line = line0;
  const fail = (msg: string): never => {
    throw new JobspecError(JobspecErrorCode.Syntax, msg, { filename, line });
  };
  while (true) {
    if (i >= src.length || src[i] === "\n") fail("unterminated string");
    const c = src[i]!;
    if (c === close) break;
    if (c === "\\") {
      const e = src[i + 1];
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };
      if (e !== undefined && simple[e] !== undefined) {
        text += simple[e];
        i += 2;
      } else if (e === "u" || e === "U") {
        const len = e === "u" ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail("invalid unicode escape");
        text += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 2 + len;
      } else {
        fail(`invalid escape sequence \\${e ?? ""}`);
      }
      continue;
    }
    const r = readInterp(src, i, line, filename, text, parts);
    if (r) {
      text = r.text;
      i = r.end;
      continue;
    }
    text += c;
    i++;
  }
  if (text) parts.push({ text });
  return { parts, end: i + 1, line };
}

/**
 * Handles `$${` / `%%{` escapes and `${…}` interpolations at position i. Returns undefined when the
 * character is plain text. Template directives `%{…}` are rejected: Nomad files rarely need them.
 */
function readInterp(
  src: string,
  i: number,
  line: number,
  filename: string,
  text: string,
  parts: TemplatePart[],
): { text: string; end: number } | undefined {
  if (src.startsWith("$${", i)) return { text: text + "${", end: i + 3 };
  if (src.startsWith("%%{", i)) return { text: text + "%{", end: i + 3 };
  if (src.startsWith("%{", i)) {
    throw new JobspecError(JobspecErrorCode.Unsupported, "template directives (%{ ... }) are not supported", {
      filename,
      line,
    });
  }
  if (!src.startsWith("${", i)) return undefined;
  let depth = 1;
  let j = i + 2;
  let quoted = false;
  while (j < src.length && depth > 0) {
    const d = src[j]!;
    if (quoted) {
      if (d === "\\") j++;
      else if (d === '"') quoted = false;
    } else if (d === '"') quoted = true;
    else if (d === "{") depth++;
    else if (d === "}") depth--;
    else if (d === "\n") break;
    j++;
  }
  if (depth !== 0) {
    throw new JobspecError(JobspecErrorCode.Syntax, "unterminated ${ interpolation", { filename, line });
  }
  if (text) parts.push({ text });
  parts.push({ interp: src.slice(i + 2, j - 1), line });
  return { text: "", end: j };
}

/** `<<EOT` / `<<-EOT` heredocs; the indented form strips the smallest common leading whitespace. */
function readHeredoc(src: string, start: number, line0: number, filename: string): TemplateRead {
  const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(src.slice(start, start + 200));
  if (!m) throw new JobspecError(JobspecErrorCode.Syntax, "invalid heredoc start", { filename, line: line0 });
  const indent = m[1] === "-";
  const marker = m[2]!;
  let i = start + m[0].length;
  let line = line0 + 1;
  const lines: string[] = [];
  let closedAt = src.length;
  while (true) {
    if (i >= src.length) {
      throw new JobspecError(JobspecErrorCode.Syntax, `heredoc ${marker} is not closed`, { filename, line: line0 });
    }
    const nl = src.indexOf("\n", i);
    const end = nl < 0 ? src.length : nl;
    const raw = src.slice(i, end).replace(/\r$/, "");
    closedAt = end;
    i = nl < 0 ? src.length : nl + 1;
    if (raw.trim() === marker) break;
    lines.push(raw);
    line++;
  }
  let body = lines;
  if (indent) {
    const widths = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
    const strip = widths.length ? Math.min(...widths) : 0;
    body = lines.map((l) => l.slice(strip));
  }
  const text = body.map((l) => `${l}\n`).join("");
  const parts: TemplatePart[] = [];
  let acc = "";
  let k = 0;
  let curLine = line0 + 1;
  while (k < text.length) {
    const r = readInterp(text, k, curLine, filename, acc, parts);
    if (r) {
      acc = r.text;
      k = r.end;
      continue;
    }
    if (text[k] === "\n") curLine++;
    acc += text[k];
    k++;
  }
  if (acc) parts.push({ text: acc });
  // The token ends before the newline that follows the closing marker, so the parser still sees it.
  return { parts, end: closedAt, line };
}
