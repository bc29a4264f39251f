/**
 * @module build: "builds what is needed". A package is stale when its dist/ is missing or older
 * than its newest source file; then the whole workspace is built once (`pnpm -r build`, which
 * orders packages by their dependencies), because a stale library makes its users stale too.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CliError, CliErrorCode } from "../errors.js";

export interface PackageTimes {
  dir: string;
  /** Newest mtime (ms) of the non-test sources under src/. */
  srcNewest: number;
  /** Newest mtime (ms) under dist/, or null when there is no dist/. */
  distNewest: number | null;
}

/** Pure: which packages need a build, and why. */
export function staleReasons(pkgs: readonly PackageTimes[]): string[] {
  const out: string[] = [];
  for (const p of pkgs) {
    if (p.distNewest === null) out.push(`${p.dir}: not built`);
    else if (p.srcNewest > p.distNewest) out.push(`${p.dir}: sources changed since the last build`);
  }
  return out;
}

function newest(dir: string, include: (name: string) => boolean): number | null {
  if (!existsSync(dir)) return null;
  let max = 0;
  let found = false;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (include(entry.name)) {
        found = true;
        max = Math.max(max, statSync(p).mtimeMs);
      }
    }
  };
  walk(dir);
  return found ? max : null;
}

/** The workspace's TypeScript packages (those built by `tsc -p tsconfig.build.json` into dist/). */
export function workspacePackages(root: string): string[] {
  const globs = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")
    .split("\n")
    .map((l) => /^\s*-\s*(\S+)\s*$/.exec(l)?.[1])
    .filter((g): g is string => g !== undefined && !g.includes(":"));
  const dirs = globs.flatMap((g) => {
    if (!g.endsWith("/*")) return [join(root, g)];
    const parent = join(root, g.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(parent, e.name)) : [];
  });
  return dirs.filter((d) => existsSync(join(d, "tsconfig.build.json"))).map((d) => relative(root, d));
}

export function scanPackages(root: string): PackageTimes[] {
  return workspacePackages(root).map((dir) => ({
    dir,
    srcNewest: newest(join(root, dir, "src"), (n) => /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n)) ?? 0,
    distNewest: newest(join(root, dir, "dist"), (n) => n.endsWith(".js")),
  }));
}

/** Runs `pnpm -r build`, printing a dot every few seconds so a long build shows it is alive. */
export async function runBuild(root: string, write: (t: string) => void): Promise<void> {
  const child = spawn("pnpm", ["-r", "build"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const ticker = setInterval(() => write("."), 3_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (c) => resolve(c));
  }).finally(() => clearInterval(ticker));
  if (code !== 0) {
    const tail = output.trimEnd().split("\n").slice(-30).join("\n");
    throw new CliError(CliErrorCode.BuildFailed, `the build failed (pnpm -r build exited ${code}):\n${tail}\nFix the error above, then run pnpm start again.`);
  }
}
