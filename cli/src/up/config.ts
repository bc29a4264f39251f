/**
 * @module config: `forex-mesh up` flags, parsed once and validated with zod. Ports default to the
 * ones the job files and READMEs use; tests and a second system pick others.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { parseFlags } from "../args.js";
import { CliError, CliErrorCode } from "../errors.js";

export const UP_USAGE = `usage: forex-mesh up [--consul-port 8500] [--nomad-port 4646] [--edge-port 8080]
                    [--prometheus-port 9090] [--console-port 3000]
                    [--data-dir .data/agent] [--timeout 90] [--no-build]

Builds what is stale (pnpm -r build), starts the dev agent (Consul and Nomad APIs), runs every job in
nomad/jobs, shows each job's progress until its allocations run and their Consul checks pass, and
prints the URLs. Ctrl-C stops the jobs, then the agent, and exits 0.

  --consul-port N   Consul HTTP API of the agent (the sidecars use it)     default 8500
  --nomad-port N    Nomad HTTP API of the agent (NOMAD_ADDR for the CLI)   default 4646
  --edge-port N     the public port of forex-edge (the web page)           default 8080
  --prometheus-port N  Prometheus, once its job is in the start list        default 9090
  --console-port N  the console, once its job is in the start list         default 3000
  --data-dir DIR    the agent's state, allocations and logs                default .data/agent
  --timeout S       how long to wait for every job to be healthy           default 90
  --no-build        do not check or run the build`;

const port = z.number().int().min(1).max(65535);
const schema = z.object({
  consulPort: port.default(8500),
  nomadPort: port.default(4646),
  edgePort: port.default(8080),
  prometheusPort: port.default(9090),
  consolePort: port.default(3000),
  dataDir: z.string().min(1),
  timeoutSec: z.number().int().min(1).max(3600).default(90),
  build: z.boolean().default(true),
});
/** `consolePassword`: the console's sign-in password for this run (printed with the URLs). */
export type UpConfig = Readonly<z.infer<typeof schema>> & { readonly repoRoot: string; readonly consolePassword?: string };

const SPEC = { "consul-port": "int", "nomad-port": "int", "edge-port": "int", "prometheus-port": "int", "console-port": "int", "data-dir": "string", timeout: "int", "no-build": "bool" } as const;

export function parseUpConfig(argv: readonly string[], repoRoot: string): UpConfig {
  const { flags, positionals } = parseFlags(argv, SPEC);
  if (positionals.length > 0) throw new CliError(CliErrorCode.Usage, `unexpected argument "${positionals[0]}"`);
  const parsed = schema.safeParse({
    consulPort: flags["consul-port"],
    nomadPort: flags["nomad-port"],
    edgePort: flags["edge-port"],
    prometheusPort: flags["prometheus-port"],
    consolePort: flags["console-port"],
    dataDir: resolve(flags["data-dir"] ?? resolve(repoRoot, ".data/agent")),
    timeoutSec: flags.timeout,
    build: flags["no-build"] === undefined ? undefined : !flags["no-build"],
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  --${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`);
    throw new CliError(CliErrorCode.Usage, `invalid flags:\n${issues.join("\n")}`);
  }
  const c = parsed.data;
  const ports = [
    ["--consul-port", c.consulPort],
    ["--nomad-port", c.nomadPort],
    ["--edge-port", c.edgePort],
    ["--prometheus-port", c.prometheusPort],
    ["--console-port", c.consolePort],
  ] as const;
  for (const [i, [name, p]] of ports.entries()) {
    const clash = ports.slice(i + 1).find(([, q]) => q === p);
    if (clash) throw new CliError(CliErrorCode.Usage, `${name} and ${clash[0]} are both ${p}; they must differ`);
  }
  return Object.freeze({ ...c, repoRoot });
}
