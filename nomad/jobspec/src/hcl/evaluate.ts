/**
 * @module hcl/evaluate: turns expressions into JSON values. `var.*` and `local.*` are resolved now;
 * every other `${…}` inside a string (`${NOMAD_PORT_http}`, `${attr.kernel.name}`, `${env["X"]}`)
 * stays literal text because the Nomad client interpolates it at run time (jobspec2 does the same).
 */
import { JobspecError, JobspecErrorCode } from "../errors.js";
import { type Expr, parseExpression } from "./parser.js";

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

export interface EvalContext {
  filename: string;
  /** Resolves `var.<name>`; throws a JobspecError when the variable is undeclared or unset. */
  variable(name: string, line: number): Value;
  /** Resolves `local.<name>`. */
  local(name: string, line: number): Value;
}

/** Evaluation without variables, for `default` values and var files (HCL forbids references there). */
export function constantContext(filename: string): EvalContext {
  const refuse = (kind: string) => (name: string, line: number) => {
    throw new JobspecError(JobspecErrorCode.Variable, `${kind}.${name} cannot be referenced here`, { filename, line });
  };
  return { filename, variable: refuse("var"), local: refuse("local") };
}

export function evaluate(expr: Expr, ctx: EvalContext): Value {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "tuple":
      return expr.items.map((e) => evaluate(e, ctx));
    case "object": {
      const out: Record<string, Value> = {};
      for (const { key, value } of expr.entries) {
        const k = evaluate(key, ctx);
        if (typeof k !== "string") {
          throw new JobspecError(JobspecErrorCode.InvalidValue, "object keys must be strings", {
            filename: ctx.filename,
            line: key.line,
          });
        }
        out[k] = evaluate(value, ctx);
      }
      return out;
    }
    case "traversal":
      return traverse(expr, ctx);
    case "call":
      throw new JobspecError(JobspecErrorCode.Unsupported, `function calls are not supported (${expr.name})`, {
        filename: ctx.filename,
        line: expr.line,
      });
    case "template":
      return template(expr, ctx);
  }
}

function traverse(expr: Extract<Expr, { kind: "traversal" }>, ctx: EvalContext): Value {
  const pos = { filename: ctx.filename, line: expr.line };
  if (expr.root !== "var" && expr.root !== "local") {
    throw new JobspecError(
      JobspecErrorCode.Unsupported,
      `unknown reference "${expr.root}": runtime values must be written inside a string, like "\${${expr.root}}"`,
      pos,
    );
  }
  const [first, ...rest] = expr.steps;
  if (!first || !("attr" in first)) {
    throw new JobspecError(JobspecErrorCode.Syntax, `${expr.root} must be followed by .<name>`, pos);
  }
  let v = expr.root === "var" ? ctx.variable(first.attr, expr.line) : ctx.local(first.attr, expr.line);
  for (const step of rest) {
    const key = "attr" in step ? step.attr : evaluate(step.index, ctx);
    if (Array.isArray(v) && typeof key === "number" && key in v) v = v[key]!;
    else if (v && typeof v === "object" && !Array.isArray(v) && typeof key === "string" && key in v) v = v[key]!;
    else throw new JobspecError(JobspecErrorCode.InvalidValue, `invalid index ${JSON.stringify(key)}`, pos);
  }
  return v;
}

/** Whether an interpolation's source is ours to evaluate, or Nomad's to leave for run time. */
function interpolationExpr(src: string, filename: string, line: number): Expr | undefined {
  let e: Expr;
  try {
    e = parseExpression(src, filename, line);
  } catch {
    return undefined;
  }
  if (e.kind === "traversal" && e.root !== "var" && e.root !== "local") return undefined;
  return e;
}

function template(expr: Extract<Expr, { kind: "template" }>, ctx: EvalContext): Value {
  const [only] = expr.parts;
  // HCL: a template that is exactly one interpolation yields the value itself, not its string form.
  if (expr.parts.length === 1 && only && "interp" in only) {
    const e = interpolationExpr(only.interp, ctx.filename, only.line);
    if (e) return evaluate(e, ctx);
  }
  let out = "";
  for (const part of expr.parts) {
    if ("text" in part) {
      out += part.text;
      continue;
    }
    const e = interpolationExpr(part.interp, ctx.filename, part.line);
    if (!e) {
      out += `\${${part.interp}}`;
      continue;
    }
    const v = evaluate(e, ctx);
    if (v === null || typeof v === "object") {
      throw new JobspecError(JobspecErrorCode.InvalidValue, `cannot put a ${v === null ? "null" : "list or object"} value into a string`, {
        filename: ctx.filename,
        line: part.line,
      });
    }
    out += String(v);
  }
  return out;
}
