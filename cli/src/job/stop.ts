/**
 * @module job stop: `forex-mesh job stop [-purge] [-detach] [-verbose] JOB`: deregisters the job
 * (kept as stopped, or deleted with -purge) and follows the evaluation that stops its allocations.
 */
import { parseFlags, wantsHelp } from "../args.js";
import { clientFromEnv, guarded } from "../command.js";
import { CliError, CliErrorCode } from "../errors.js";
import { findJob } from "../lookup.js";
import { monitorEval } from "../monitor/monitor.js";
import { type Output, stderr, stdout } from "../monitor/output.js";

export const STOP_USAGE = `usage: forex-mesh job stop [-purge] [-detach] [-verbose] <job>

  Stops a job's allocations. The job stays listed as stopped unless -purge deletes it.`;

export function jobStop(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(STOP_USAGE, err, async () => {
    if (wantsHelp(argv)) {
      out.write(`${STOP_USAGE}\n`);
      return 0;
    }
    const { flags, positionals } = parseFlags(argv, { purge: "bool", detach: "bool", verbose: "bool" });
    if (positionals.length !== 1) throw new CliError(CliErrorCode.Usage, "This command takes one argument: <job>");
    const client = clientFromEnv();
    const job = await findJob(client, positionals[0]!);
    const { data } = await client.jobs.deregister(job.ID ?? "", { purge: flags.purge ?? false });
    if (flags.detach || !data.EvalID) {
      if (data.EvalID) out.write(`${data.EvalID}\n`);
      return 0;
    }
    return monitorEval(client, data.EvalID, { out, verbose: flags.verbose ?? false });
  });
}
