/**
 * @module variables: `variable` and `locals` blocks and the value precedence the `nomad` CLI uses:
 * default < `NOMAD_VAR_<name>` < `-var-file` (in order) < `-var name=value`.
 */
import { JobspecError, JobspecErrorCode } from "./errors.js";
import { constantContext, type EvalContext, evaluate, type Value } from "./hcl/evaluate.js";
import { type Block, type Body, type Expr, parseExpression, parseHcl } from "./hcl/parser.js";

export interface VariableSources {
  /** `-var name=value` flags: always strings, converted by the declared type. */
  variables?: Record<string, string> | undefined;
  /** Contents of `-var-file` files (HCL syntax), applied in order. */
  varFiles?: string[] | undefined;
  /** Environment to read `NOMAD_VAR_<name>` from; undeclared names there are ignored, as Nomad does. */
  env?: Record<string, string | undefined> | undefined;
}

interface Declared {
  name: string;
  type: string;
  line: number;
  value?: Value;
}

/** The simple type name of a `type = …` expression (`string`, `number`, `bool`, `list`, `map`, `any`). */
function typeName(expr: Expr | undefined): string {
  if (!expr) return "any";
  if (expr.kind === "traversal" && expr.steps.length === 0) return expr.root;
  if (expr.kind === "call") return expr.name;
  return "any";
}

function convert(d: Declared, v: Value, filename: string, line: number): Value {
  const bad = (): never => {
    throw new JobspecError(
      JobspecErrorCode.Variable,
      `Invalid value for variable "${d.name}": a ${d.type} is required, got ${JSON.stringify(v)}`,
      { filename, line },
    );
  };
  switch (d.type) {
    case "string":
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      return typeof v === "string" ? v : bad();
    case "number":
      if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
      return typeof v === "number" ? v : bad();
    case "bool":
      if (v === "true" || v === "false") return v === "true";
      return typeof v === "boolean" ? v : bad();
    case "list":
    case "set":
    case "tuple":
      return Array.isArray(v) ? v : bad();
    case "map":
    case "object":
      return v && typeof v === "object" && !Array.isArray(v) ? v : bad();
    default:
      return v;
  }
}

/** A `-var`/env string: strings stay strings; other types are read as an HCL expression (`[1,2]`). */
function fromString(d: Declared, raw: string, filename: string): Value {
  if (d.type === "string" || d.type === "any") return raw;
  if (d.type === "number" || d.type === "bool") return convert(d, raw, filename, 1);
  return convert(d, evaluate(parseExpression(raw, filename), constantContext(filename)), filename, 1);
}

export function buildContext(body: Body, filename: string, sources: VariableSources): EvalContext {
  const declared = new Map<string, Declared>();
  const localExprs = new Map<string, Expr>();
  for (const b of body.blocks) {
    if (b.type === "variable") declare(b, filename, declared);
    else if (b.type === "locals") for (const a of b.body.attributes) localExprs.set(a.name, a.expr);
    else if (b.type === "variables") {
      for (const a of b.body.attributes) {
        declared.set(a.name, { name: a.name, type: "any", line: a.line, value: evaluate(a.expr, constantContext(filename)) });
      }
    }
  }
  for (const [name, raw] of Object.entries(sources.env ?? {})) {
    const d = name.startsWith("NOMAD_VAR_") ? declared.get(name.slice("NOMAD_VAR_".length)) : undefined;
    if (d && raw !== undefined) d.value = fromString(d, raw, `<value for var.${d.name} from environment>`);
  }
  (sources.varFiles ?? []).forEach((text, i) => {
    const file = `<var-file ${i + 1}>`;
    const vf = parseHcl(text, file);
    if (vf.blocks[0]) throw new JobspecError(JobspecErrorCode.Variable, "a var file may only set variables", { filename: file, line: vf.blocks[0].line });
    for (const a of vf.attributes) {
      const d = declared.get(a.name);
      if (!d) {
        throw new JobspecError(
          JobspecErrorCode.Variable,
          `Undefined variable: A "${a.name}" variable was set but was not found in known variables. To declare variable "${a.name}", place a variable block in your job file`,
          { filename: file, line: a.line },
        );
      }
      d.value = convert(d, evaluate(a.expr, constantContext(file)), file, a.line);
    }
  });
  for (const [name, raw] of Object.entries(sources.variables ?? {})) {
    const d = declared.get(name);
    if (!d) {
      throw new JobspecError(
        JobspecErrorCode.Variable,
        `Undefined -var variable: A "${name}" variable was passed in the command line but was not found in known variables. To declare variable "${name}", place a variable block in your job file`,
      );
    }
    d.value = fromString(d, raw, `<value for var.${name} from arguments>`);
  }

  const localValues = new Map<string, Value>();
  const resolving = new Set<string>();
  const ctx: EvalContext = {
    filename,
    variable(name, line) {
      const d = declared.get(name);
      if (!d) {
        throw new JobspecError(JobspecErrorCode.Variable, `Reference to undeclared input variable "${name}"`, { filename, line });
      }
      if (d.value === undefined) {
        throw new JobspecError(JobspecErrorCode.Variable, `Unset variable "${name}": a used variable must be set or have a default value`, {
          filename,
          line,
        });
      }
      return d.value;
    },
    local(name, line) {
      const cached = localValues.get(name);
      if (cached !== undefined) return cached;
      const e = localExprs.get(name);
      if (!e) throw new JobspecError(JobspecErrorCode.Variable, `Reference to undeclared local value "${name}"`, { filename, line });
      if (resolving.has(name)) throw new JobspecError(JobspecErrorCode.Variable, `local.${name} refers to itself`, { filename, line });
      resolving.add(name);
      const v = evaluate(e, ctx);
      resolving.delete(name);
      localValues.set(name, v);
      return v;
    },
  };
  return ctx;
}

function declare(b: Block, filename: string, declared: Map<string, Declared>): void {
  const pos = { filename, line: b.line, block: `variable "${b.labels[0] ?? ""}"` };
  if (b.labels.length !== 1) throw new JobspecError(JobspecErrorCode.Syntax, "a variable block needs exactly one label", pos);
  const name = b.labels[0]!;
  if (declared.has(name)) throw new JobspecError(JobspecErrorCode.Variable, `variable "${name}" is declared twice`, pos);
  const attrs = new Map(b.body.attributes.map((a) => [a.name, a]));
  for (const a of b.body.attributes) {
    if (!["type", "default", "description", "sensitive"].includes(a.name)) {
      throw new JobspecError(JobspecErrorCode.Unsupported, `unsupported argument "${a.name}" in variable block`, { ...pos, line: a.line });
    }
  }
  if (b.body.blocks[0]) {
    throw new JobspecError(JobspecErrorCode.Unsupported, `unsupported block "${b.body.blocks[0].type}" in variable block`, {
      ...pos,
      line: b.body.blocks[0].line,
    });
  }
  const d: Declared = { name, type: typeName(attrs.get("type")?.expr), line: b.line };
  const def = attrs.get("default");
  if (def) d.value = convert(d, evaluate(def.expr, constantContext(filename)), filename, def.line);
  declared.set(name, d);
}
