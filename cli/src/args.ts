/**
 * @module args: command-line flags the way Go's `flag` package (and so the `nomad` CLI) reads them.
 * Flags come first; the first argument that is not a flag (or `--`) ends them, so
 * `job run -var v=2 web.nomad.hcl` works and `job run web.nomad.hcl -var v=2` treats `-var` as a
 * positional, exactly like nomad. `-name`, `--name`, `-name=value` and `-name value` are all accepted;
 * booleans never take the next argument (`-detach=false` to turn one off).
 */
import { CliError, CliErrorCode } from "./errors.js";

export type FlagKind = "bool" | "string" | "int" | "list";
export type FlagSpec = Record<string, FlagKind>;

type ValueOf<K extends FlagKind> = K extends "bool" ? boolean : K extends "int" ? number : K extends "list" ? string[] : string;
export type Flags<S extends FlagSpec> = { [K in keyof S]?: ValueOf<S[K]> };

export interface Parsed<S extends FlagSpec> {
  flags: Flags<S>;
  positionals: string[];
}

const usageError = (message: string): CliError => new CliError(CliErrorCode.Usage, message);

export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): Parsed<S> {
  const flags: Record<string, boolean | number | string | string[]> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (arg.length < 2 || !arg.startsWith("-")) break;
    const body = arg.startsWith("--") ? arg.slice(2) : arg.slice(1);
    if (body === "" || body.startsWith("-") || body.startsWith("=")) throw usageError(`bad flag syntax: ${arg}`);
    const eq = body.indexOf("=");
    const name = eq === -1 ? body : body.slice(0, eq);
    const kind = spec[name];
    if (kind === undefined) throw usageError(`flag provided but not defined: -${name}`);
    let value: string | undefined = eq === -1 ? undefined : body.slice(eq + 1);
    if (kind === "bool") {
      if (value === undefined || value === "true" || value === "1") flags[name] = true;
      else if (value === "false" || value === "0") flags[name] = false;
      else throw usageError(`invalid boolean value "${value}" for -${name}`);
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw usageError(`flag needs an argument: -${name}`);
      value = argv[++i]!;
    }
    if (kind === "int") {
      if (!/^-?\d+$/.test(value)) throw usageError(`invalid value "${value}" for flag -${name}: not an integer`);
      flags[name] = Number(value);
    } else if (kind === "list") {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    } else {
      flags[name] = value;
    }
  }
  return { flags: flags as Flags<S>, positionals: argv.slice(i) };
}

/** `-var k=v` → `{k: "v"}`. Nomad splits at the first `=` and rejects a missing one. */
export function parseVarFlags(vars: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of vars) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw usageError(`invalid -var "${v}": expected NAME=VALUE`);
    out[v.slice(0, eq).trim()] = v.slice(eq + 1);
  }
  return out;
}

/** True when the user asked for help anywhere among the flags (`-h`, `-help`, `--help`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === "--") return false;
    if (a === "-h" || a === "-help" || a === "--help") return true;
    if (!a.startsWith("-")) return false;
  }
  return false;
}
