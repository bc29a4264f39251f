/**
 * @module command: the shared shell of every subcommand: a Nomad client from the environment (as the
 * `nomad` CLI finds its agent: NOMAD_ADDR, NOMAD_TOKEN, …), and one place that turns expected
 * failures into a message and nomad's exit status.
 */
import { configFromEnv, createNomadClient, NomadError, type NomadClient } from "@forex-mesh/nomad-client";
import { wantsHelp } from "./args.js";
import { CliError, CliErrorCode } from "./errors.js";
import type { Output } from "./monitor/output.js";

export function clientFromEnv(env: Record<string, string | undefined> = process.env): NomadClient {
  try {
    return createNomadClient(configFromEnv(env));
  } catch (error) {
    if (error instanceof NomadError) throw new CliError(CliErrorCode.Usage, error.message, { cause: error });
    throw error;
  }
}

/** A group of subcommands (`job run|status|stop`) dispatched by their first argument. */
export interface SubcommandGroup {
  name: string;
  usage: string;
  subcommands: Record<string, (argv: string[]) => Promise<number>>;
}

export async function dispatch(group: SubcommandGroup, argv: string[], err: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "-h" || sub === "-help" || sub === "--help" || sub === "help") {
    (sub === undefined ? err : { write: (t: string) => void process.stdout.write(t) }).write(`${group.usage}\n`);
    return sub === undefined ? 1 : 0;
  }
  const fn = group.subcommands[sub];
  if (!fn) {
    err.write(`forex-mesh ${group.name}: unknown subcommand "${sub}"\n\n${group.usage}\n`);
    return 1;
  }
  return fn(rest);
}

/**
 * Runs a command body; `-h`/`-help` among the flags prints the usage instead. CliErrors and API
 * failures print as one message (usage appended to usage errors).
 */
export async function guarded(usage: string, err: Output, body: () => Promise<number>, argv: readonly string[] = []): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) {
      err.write(`${error.message}\n${error.code === CliErrorCode.Usage ? `\n${usage}\n` : ""}`);
      return error.exitCode;
    }
    if (error instanceof NomadError) {
      err.write(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
