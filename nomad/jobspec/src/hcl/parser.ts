/**
 * @module hcl/parser: recursive-descent parser for the HCL2 subset Nomad job files use: bodies of
 * attributes and labelled blocks, and expressions made of literals, templates, lists, objects,
 * traversals (`var.x`, `env["X"]`) and calls (only for `type = list(string)`).
 * Line numbers are kept on every node so later errors can name file, line and block.
 */
import { JobspecError, JobspecErrorCode } from "../errors.js";
import { type TemplatePart, type Token, tokenize } from "./lexer.js";

export type Expr =
  | { kind: "literal"; value: string | number | boolean | null; line: number }
  | { kind: "template"; parts: TemplatePart[]; line: number }
  | { kind: "tuple"; items: Expr[]; line: number }
  | { kind: "object"; entries: { key: Expr; value: Expr }[]; line: number }
  | { kind: "traversal"; root: string; steps: TraversalStep[]; line: number }
  | { kind: "call"; name: string; args: Expr[]; line: number };

export type TraversalStep = { attr: string } | { index: Expr };

export interface Attribute {
  name: string;
  expr: Expr;
  line: number;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  line: number;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  /** Attribute and block order as written, for free-form maps like `config`. */
  items: (Attribute | Block)[];
}

export function isBlock(item: Attribute | Block): item is Block {
  return "body" in item;
}

export function parseHcl(src: string, filename: string): Body {
  const p = new Parser(tokenize(src, filename), filename);
  const body = p.body(true);
  return body;
}

/** Parses a standalone expression, e.g. the source of one `${…}` interpolation or a `-var` value. */
export function parseExpression(src: string, filename: string, line = 1): Expr {
  const toks = tokenize(src, filename).map((t) => ({ ...t, line: t.line + line - 1 }));
  const p = new Parser(toks, filename);
  p.skipNewlines();
  const e = p.expr();
  p.skipNewlines();
  p.expectEof();
  return e;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly toks: Token[],
    private readonly filename: string,
  ) {}

  private peek(): Token {
    return this.toks[this.pos]!;
  }
  private next(): Token {
    return this.toks[this.pos++]!;
  }
  private fail(msg: string, line = this.peek().line): never {
    throw new JobspecError(JobspecErrorCode.Syntax, msg, { filename: this.filename, line });
  }
  private isPunct(v: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.value === v;
  }
  private expectPunct(v: string): void {
    if (!this.isPunct(v)) this.fail(`expected "${v}" but found ${describe(this.peek())}`);
    this.pos++;
  }
  skipNewlines(): void {
    while (this.peek().kind === "newline") this.pos++;
  }
  expectEof(): void {
    if (this.peek().kind !== "eof") this.fail(`unexpected ${describe(this.peek())}`);
  }

  body(top: boolean): Body {
    const out: Body = { attributes: [], blocks: [], items: [] };
    const seen = new Set<string>();
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === "eof") {
        if (!top) this.fail("missing closing brace");
        return out;
      }
      if (t.kind === "punct" && t.value === "}") {
        if (top) this.fail('unexpected "}"');
        return out;
      }
      if (t.kind !== "ident") this.fail(`expected an attribute or block name, found ${describe(t)}`);
      this.pos++;
      if (this.isPunct("=")) {
        this.pos++;
        const expr = this.expr();
        if (seen.has(t.value)) this.fail(`attribute "${t.value}" is set more than once`, t.line);
        seen.add(t.value);
        const attr: Attribute = { name: t.value, expr, line: t.line };
        out.attributes.push(attr);
        out.items.push(attr);
      } else {
        const labels: string[] = [];
        for (;;) {
          const l = this.peek();
          if (l.kind === "ident") labels.push(l.value);
          else if (l.kind === "string" && l.parts.every((p) => "text" in p)) {
            labels.push(l.parts.map((p) => ("text" in p ? p.text : "")).join(""));
          } else break;
          this.pos++;
        }
        this.expectPunct("{");
        const inner = this.body(false);
        this.expectPunct("}");
        const block: Block = { type: t.value, labels, body: inner, line: t.line };
        out.blocks.push(block);
        out.items.push(block);
      }
      const after = this.peek();
      // HCL requires each attribute and block to end its line (`}` may close a one-line block).
      if (after.kind !== "newline" && after.kind !== "eof" && !(after.kind === "punct" && after.value === "}")) {
        this.fail(`expected a newline after "${t.value}", found ${describe(after)}`);
      }
    }
  }

  expr(): Expr {
    const e = this.primary();
    for (;;) {
      if (this.isPunct(".") && e.kind === "traversal") {
        this.pos++;
        const n = this.next();
        if (n.kind === "ident") e.steps.push({ attr: n.value });
        else if (n.kind === "number") e.steps.push({ index: { kind: "literal", value: n.value, line: n.line } });
        else this.fail(`expected an attribute name after ".", found ${describe(n)}`, n.line);
      } else if (this.isPunct("[") && e.kind === "traversal") {
        this.pos++;
        this.skipNewlines();
        const index = this.expr();
        this.skipNewlines();
        this.expectPunct("]");
        e.steps.push({ index });
      } else {
        return e;
      }
    }
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { kind: "literal", value: t.value, line: t.line };
      case "string":
        return { kind: "template", parts: t.parts, line: t.line };
      case "ident": {
        if (t.value === "true" || t.value === "false") return { kind: "literal", value: t.value === "true", line: t.line };
        if (t.value === "null") return { kind: "literal", value: null, line: t.line };
        if (this.isPunct("(")) return this.call(t.value, t.line);
        return { kind: "traversal", root: t.value, steps: [], line: t.line };
      }
      case "punct":
        if (t.value === "-") {
          const n = this.next();
          if (n.kind !== "number") this.fail('"-" must be followed by a number', t.line);
          return { kind: "literal", value: -n.value, line: t.line };
        }
        if (t.value === "[") return this.tuple(t.line);
        if (t.value === "{") return this.object(t.line);
        if (t.value === "(") {
          this.skipNewlines();
          const inner = this.expr();
          this.skipNewlines();
          this.expectPunct(")");
          return inner;
        }
        return this.fail(`unexpected ${describe(t)} in expression`, t.line);
      default:
        return this.fail(`expected an expression, found ${describe(t)}`, t.line);
    }
  }

  private call(name: string, line: number): Expr {
    this.expectPunct("(");
    const args: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct(")")) {
      args.push(this.expr());
      this.skipNewlines();
      if (!this.isPunct(")")) this.expectPunct(",");
      this.skipNewlines();
    }
    this.pos++;
    return { kind: "call", name, args, line };
  }

  private tuple(line: number): Expr {
    const items: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct("]")) {
      items.push(this.expr());
      this.skipNewlines();
      if (!this.isPunct("]")) this.expectPunct(",");
      this.skipNewlines();
    }
    this.pos++;
    return { kind: "tuple", items, line };
  }

  private object(line: number): Expr {
    const entries: { key: Expr; value: Expr }[] = [];
    this.skipNewlines();
    while (!this.isPunct("}")) {
      const k = this.peek();
      let key: Expr;
      // A bare identifier key is the literal name, not a variable reference (HCL spec).
      if (k.kind === "ident") {
        this.pos++;
        key = { kind: "literal", value: k.value, line: k.line };
      } else {
        key = this.expr();
      }
      if (this.isPunct("=") || this.isPunct(":")) this.pos++;
      else this.fail(`expected "=" or ":" after an object key, found ${describe(this.peek())}`);
      this.skipNewlines();
      entries.push({ key, value: this.expr() });
      if (this.isPunct(",")) this.pos++;
      else if (!this.isPunct("}") && this.peek().kind !== "newline") {
        this.fail(`expected "," or a newline between object items, found ${describe(this.peek())}`);
      }
      this.skipNewlines();
    }
    this.pos++;
    return { kind: "object", entries, line };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case "ident":
      return `"${t.value}"`;
    case "number":
      return `number ${t.value}`;
    case "string":
      return "a string";
    case "punct":
      return `"${t.value}"`;
    case "newline":
      return "end of line";
    case "eof":
      return "end of file";
  }
}
