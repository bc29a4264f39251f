/**
 * @module decode: a table-driven decoder from an HCL body to Nomad api JSON. Each block kind has a
 * schema (attribute → field and value kind, child block → field) and an output shape listing every
 * field the CLI sends, with its unset value. Anything not in the schema is an error naming the file,
 * line and block path, so nothing is ever silently dropped.
 */
import { parseDuration } from "./duration.js";
import { JobspecError, JobspecErrorCode, type SourcePos } from "./errors.js";
import { type EvalContext, evaluate, type Value } from "./hcl/evaluate.js";
import { type Attribute, type Block, type Body, isBlock } from "./hcl/parser.js";

export type Kind = "string" | "int" | "bool" | "duration" | "strings" | "stringMap" | "headers" | "any";

export type Obj = Record<string, unknown>;

export interface BlockSchema {
  /** Output fields in order with their unset value (null for Go pointers, "" / 0 / false for values). */
  shape: Obj;
  attrs: Record<string, [field: string, kind: Kind]>;
  blocks?: Record<string, Child>;
  /** Where the block label goes (`Name` for group/task, `Label` for port). Unlabelled when absent. */
  label?: string;
  /** Fix-ups after decoding (port split, constraint shorthands). */
  finish?: (out: Obj, pos: SourcePos) => void;
}

export type Child =
  | { field: string; kind: "block"; schema: BlockSchema | (() => BlockSchema); repeat: boolean }
  | { field: string; kind: "map"; values?: Kind }
  | { field: string; kind: "freeform" };

export interface DecodeState {
  ctx: EvalContext;
  filename: string;
}

export function blockPath(parent: string | undefined, b: Block): string {
  const self = [b.type, ...b.labels.map((l) => JSON.stringify(l))].join(" ");
  return parent ? `${parent} > ${self}` : self;
}

export function decodeBlock(b: Block, schema: BlockSchema, st: DecodeState, parentPath?: string): Obj {
  const path = blockPath(parentPath, b);
  const pos = (line: number): SourcePos => ({ filename: st.filename, line, block: path });
  const wantLabels = schema.label ? 1 : 0;
  if (b.labels.length !== wantLabels) {
    const msg = wantLabels ? `a ${b.type} block needs exactly one label` : `a ${b.type} block takes no labels`;
    throw new JobspecError(JobspecErrorCode.Syntax, msg, pos(b.line));
  }
  const out: Obj = structuredClone(schema.shape);
  if (schema.label) out[schema.label] = b.labels[0];
  decodeBody(b.body, schema, st, path, out);
  schema.finish?.(out, pos(b.line));
  return out;
}

function decodeBody(body: Body, schema: BlockSchema, st: DecodeState, path: string, out: Obj): void {
  const pos = (line: number): SourcePos => ({ filename: st.filename, line, block: path });
  const setBy = new Map<string, number>();
  for (const a of body.attributes) {
    const spec = schema.attrs[a.name];
    if (!spec) {
      throw new JobspecError(
        JobspecErrorCode.Unsupported,
        `Unsupported argument: an argument named "${a.name}" is not expected here`,
        pos(a.line),
      );
    }
    out[spec[0]] = convertValue(evaluate(a.expr, st.ctx), spec[1], a, pos(a.line));
    setBy.set(spec[0], a.line);
  }
  for (const b of body.blocks) {
    const child = schema.blocks?.[b.type];
    if (!child) {
      throw new JobspecError(
        JobspecErrorCode.Unsupported,
        `Unsupported block type: blocks of type "${b.type}" are not expected here`,
        pos(b.line),
      );
    }
    const childPos = { filename: st.filename, line: b.line, block: blockPath(path, b) };
    const repeat = child.kind === "block" && child.repeat;
    if (!repeat && setBy.has(child.field)) {
      throw new JobspecError(JobspecErrorCode.Syntax, `"${b.type}" is given more than once`, childPos);
    }
    setBy.set(child.field, b.line);
    if (child.kind === "map") {
      if (b.labels.length) throw new JobspecError(JobspecErrorCode.Syntax, `a ${b.type} block takes no labels`, childPos);
      if (b.body.blocks[0]) {
        throw new JobspecError(JobspecErrorCode.Unsupported, `"${b.type}" holds only key = "value" pairs`, childPos);
      }
      const m: Obj = {};
      for (const a of b.body.attributes) m[a.name] = convertValue(evaluate(a.expr, st.ctx), child.values ?? "string", a, pos(a.line));
      out[child.field] = m;
    } else if (child.kind === "freeform") {
      if (b.labels.length) throw new JobspecError(JobspecErrorCode.Syntax, `a ${b.type} block takes no labels`, childPos);
      out[child.field] = decodeFreeform(b.body, st, childPos);
    } else {
      const schemaOf = typeof child.schema === "function" ? child.schema() : child.schema;
      const value = decodeBlock(b, schemaOf, st, path);
      if (repeat) out[child.field] = [...((out[child.field] as unknown[] | null) ?? []), value];
      else out[child.field] = value;
    }
  }
}

/** `config { … }`: opaque to Nomad; nested blocks become lists of objects (jobspec2 behaviour). */
function decodeFreeform(body: Body, st: DecodeState, pos: SourcePos): Obj {
  const out: Obj = {};
  for (const item of body.items) {
    if (isBlock(item)) {
      if (item.labels.length) {
        throw new JobspecError(JobspecErrorCode.Unsupported, `labelled block "${item.type}" inside ${pos.block}`, {
          ...pos,
          line: item.line,
        });
      }
      const list = (out[item.type] as Obj[] | undefined) ?? [];
      list.push(decodeFreeform(item.body, st, { ...pos, line: item.line }));
      out[item.type] = list;
    } else {
      out[item.name] = evaluate(item.expr, st.ctx);
    }
  }
  return out;
}

export function convertValue(v: Value, kind: Kind, a: Attribute, pos: SourcePos): unknown {
  const bad = (want: string): never => {
    throw new JobspecError(
      JobspecErrorCode.InvalidValue,
      `Incorrect attribute value type: "${a.name}" must be ${want}, got ${JSON.stringify(v)}`,
      pos,
    );
  };
  switch (kind) {
    case "any":
      return v;
    case "string":
      if (typeof v === "string") return v;
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      return bad("a string");
    case "int": {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      return typeof n === "number" && Number.isInteger(n) ? n : bad("a whole number");
    }
    case "bool":
      if (v === "true" || v === "false") return v === "true";
      return typeof v === "boolean" ? v : bad("a bool");
    case "duration": {
      if (typeof v === "number" && Number.isInteger(v)) return v;
      const ns = typeof v === "string" ? parseDuration(v) : undefined;
      return ns === undefined ? bad('a duration such as "10s" or "1m30s"') : ns;
    }
    case "strings":
      if (!Array.isArray(v)) return bad("a list of strings");
      return v.map((x) => convertValue(x, "string", a, pos));
    case "stringMap": {
      if (!v || typeof v !== "object" || Array.isArray(v)) return bad("a map of strings");
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convertValue(x, "string", a, pos)]));
    }
    case "headers": {
      if (!v || typeof v !== "object" || Array.isArray(v)) return bad("a map of string lists");
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convertValue(x, "strings", a, pos)]));
    }
  }
}

/** Shorthands for schema tables: a key/value map block, a single block, a repeatable block. */
export const mapBlock = (field: string): Child => ({ field, kind: "map" });
export const one = (field: string, schema: BlockSchema | (() => BlockSchema)): Child => ({ field, kind: "block", schema, repeat: false });
export const many = (field: string, schema: BlockSchema | (() => BlockSchema)): Child => ({ field, kind: "block", schema, repeat: true });
