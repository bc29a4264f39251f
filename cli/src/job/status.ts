/**
 * @module job status: `forex-mesh job status [-verbose] [JOB]`: every job, or one job (ID or prefix)
 * with its group summary, latest deployment and allocations, read with the same calls nomad makes.
 */
import { parseFlags, wantsHelp } from "../args.js";
import { clientFromEnv, guarded } from "../command.js";
import { CliError, CliErrorCode } from "../errors.js";
import { jobListText, jobStatusText } from "../format/job.js";
import { findJob } from "../lookup.js";
import { type Output, stderr, stdout } from "../monitor/output.js";

export const STATUS_USAGE = `usage: forex-mesh job status [-verbose] [<job>]

  Without a job: every job. With a job ID or prefix: its summary, latest deployment and allocations.`;

export function jobStatus(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(STATUS_USAGE, err, async () => {
    if (wantsHelp(argv)) {
      out.write(`${STATUS_USAGE}\n`);
      return 0;
    }
    const { flags, positionals } = parseFlags(argv, { verbose: "bool" });
    if (positionals.length > 1) throw new CliError(CliErrorCode.Usage, "This command takes either no arguments or one: <job>");
    const client = clientFromEnv();
    if (positionals.length === 0) {
      const { data } = await client.jobs.list();
      out.write(`${jobListText(data)}\n`);
      return 0;
    }
    const stub = await findJob(client, positionals[0]!);
    const id = stub.ID ?? "";
    const [job, allocs, deployment, summary] = await Promise.all([
      client.jobs.info(id),
      client.jobs.allocations(id, { all: false }),
      client.jobs.latestDeployment(id),
      client.jobs.summary(id),
    ]);
    out.write(`${jobStatusText({ job: job.data, allocs: allocs.data, deployment: deployment.data, summary: summary.data, nowMs: Date.now(), verbose: flags.verbose ?? false })}\n`);
    return 0;
  });
}
