/**
 * @module config: the agent's flags, parsed once with zod. `--data-dir` defaults to `.data/agent`
 * under the repository root, found from this file's location (src/ and dist/ sit at the same depth).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { AgentStartupError } from "./errors.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const port = z.coerce.number().int().min(0).max(65535);

const ConfigSchema = z.object({
  dataDir: z.string().min(1).default(resolve(repoRoot, ".data/agent")),
  consulPort: port.default(8500),
  nomadPort: port.default(4646),
  bind: z.ipv4().default("127.0.0.1"),
  nodeName: z.string().min(1).default("dev"),
  datacenter: z.string().regex(/^[a-z0-9_-]+$/).default("dc1"),
});

export type AgentConfig = Readonly<z.infer<typeof ConfigSchema>>;

export const USAGE = `usage: forex-mesh agent [--data-dir DIR] [--consul-port N] [--nomad-port N] [--bind 127.0.0.1]
                        [--node-name dev] [--datacenter dc1]`;

/** Parses `argv` (flags only); throws AgentStartupError naming every bad flag. */
export function parseConfig(argv: string[]): AgentConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        "data-dir": { type: "string" },
        "consul-port": { type: "string" },
        "nomad-port": { type: "string" },
        bind: { type: "string" },
        "node-name": { type: "string" },
        datacenter: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new AgentStartupError("INVALID_FLAGS", `${(error as Error).message}\n${USAGE}`);
  }
  const empty = (v: unknown): unknown => (v === "" ? undefined : v);
  const parsed = ConfigSchema.safeParse({
    dataDir: empty(values["data-dir"]) === undefined ? undefined : resolve(String(values["data-dir"])),
    consulPort: empty(values["consul-port"]),
    nomadPort: empty(values["nomad-port"]),
    bind: empty(values["bind"]),
    nodeName: empty(values["node-name"]),
    datacenter: empty(values["datacenter"]),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  --${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`);
    throw new AgentStartupError("INVALID_FLAGS", `invalid flags:\n${issues.join("\n")}\n${USAGE}`);
  }
  return Object.freeze(parsed.data);
}
