/**
 * @module job run: `forex-mesh job run [-detach] [-verbose] [-var k=v]... [-var-file F]... FILE`,
 * nomad's `job run`: the HCL is parsed here (variables resolved here, NOMAD_VAR_* included), the job
 * registered with its submission, then the evaluation and deployment monitored.
 */
import { readFile } from "node:fs/promises";
import { JobspecError, registerRequest } from "@forex-mesh/jobspec";
import { parseFlags, parseVarFlags, wantsHelp } from "../args.js";
import { clientFromEnv, guarded } from "../command.js";
import { CliError, CliErrorCode } from "../errors.js";
import { monitorEval } from "../monitor/monitor.js";
import { type Output, stderr, stdout } from "../monitor/output.js";

export const RUN_USAGE = `usage: forex-mesh job run [-detach] [-verbose] [-var name=value]... [-var-file path]... <path>

  Parses the job file locally, registers it with Nomad (NOMAD_ADDR), and follows the evaluation and
  the deployment until it succeeds, fails, or its canaries wait for a promotion.
  Exit status: 0 success, 2 placement failure, 1 any other error (a failed deployment too).`;

const SPEC = { detach: "bool", verbose: "bool", var: "list", "var-file": "list" } as const;

async function readOrFail(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new CliError(CliErrorCode.Usage, `Error getting job struct: Error reading ${what} "${path}": ${(error as Error).message}`);
  }
}

/** Reads and parses a job file like the nomad CLI; HCL problems come back with file:line. */
export async function loadJob(path: string, variables: Record<string, string>, varFilePaths: readonly string[], env: Record<string, string | undefined>) {
  const source = await readOrFail(path, "job file");
  const varFiles = await Promise.all(varFilePaths.map((f) => readOrFail(f, "var file")));
  try {
    return registerRequest(source, { filename: path, variables, varFiles, env });
  } catch (error) {
    if (error instanceof JobspecError) {
      throw new CliError(CliErrorCode.Jobspec, `Error getting job struct: Error parsing job file from ${path}:\n${error.message}`, { cause: error });
    }
    throw error;
  }
}

export function jobRun(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(RUN_USAGE, err, async () => {
    if (wantsHelp(argv)) {
      out.write(`${RUN_USAGE}\n`);
      return 0;
    }
    const { flags, positionals } = parseFlags(argv, SPEC);
    if (positionals.length !== 1) throw new CliError(CliErrorCode.Usage, "This command takes one argument: <path>");
    const request = await loadJob(positionals[0]!, parseVarFlags(flags.var ?? []), flags["var-file"] ?? [], process.env);
    const client = clientFromEnv();
    let response: Awaited<ReturnType<typeof client.jobs.register>>["data"];
    try {
      ({ data: response } = await client.jobs.register(request.Job, request.Submission ? { submission: request.Submission } : {}));
    } catch (error) {
      throw new CliError(CliErrorCode.Api, `Error submitting job: ${(error as Error).message}`, { cause: error });
    }
    if (response.Warnings) out.write(`Job Warnings:\n${response.Warnings}\n\n`);
    if (flags.detach || !response.EvalID) {
      out.write("Job registration successful\n");
      if (response.EvalID) out.write(`Evaluation ID: ${response.EvalID}\n`);
      return 0;
    }
    return monitorEval(client, response.EvalID, { out, verbose: flags.verbose ?? false });
  });
}
