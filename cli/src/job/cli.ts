/** @module job: `forex-mesh job run|status|stop`, the `nomad job` commands this project uses. */
import { dispatch } from "../command.js";
import { stderr } from "../monitor/output.js";
import { jobRun } from "./run.js";
import { jobStatus } from "./status.js";
import { jobStop } from "./stop.js";

const USAGE = `usage: forex-mesh job <subcommand> [flags] [args]

  run     register a job file and follow its deployment (like nomad job run)
  status  list jobs, or show one job's groups, deployment and allocations
  stop    stop (or -purge) a job

The agent is found by NOMAD_ADDR (default http://127.0.0.1:4646) and NOMAD_TOKEN, as nomad does.`;

export function run(argv: string[]): Promise<number> {
  return dispatch({ name: "job", usage: USAGE, subcommands: { run: (a) => jobRun(a), status: (a) => jobStatus(a), stop: (a) => jobStop(a) } }, argv, stderr);
}
