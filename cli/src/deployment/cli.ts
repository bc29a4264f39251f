/**
 * @module deployment: `forex-mesh deployment status|promote|fail|list`, as `nomad deployment …`.
 * IDs may be prefixes (at least two characters), dashes optional.
 */
import { parseFlags, wantsHelp } from "../args.js";
import { clientFromEnv, dispatch, guarded } from "../command.js";
import { CliError, CliErrorCode } from "../errors.js";
import { formatList } from "../format/columns.js";
import { deploymentStatusText } from "../format/deployment.js";
import { shortId } from "../format/time.js";
import { findDeployment } from "../lookup.js";
import { monitorEval } from "../monitor/monitor.js";
import { type Output, stderr, stdout } from "../monitor/output.js";

const USAGE = `usage: forex-mesh deployment <subcommand> [flags] <deployment-id-or-prefix>

  status   [-verbose] ID                 the deployment and its groups
  promote  [-group G]... [-detach] ID    promote the canaries (all groups, or the named ones)
  fail     [-detach] ID                  mark it failed (auto_revert rolls back to the stable version)
  list     [-verbose]                    every deployment`;

function oneId(positionals: string[]): string {
  if (positionals.length !== 1) throw new CliError(CliErrorCode.Usage, "This command takes one argument: <deployment id>");
  return positionals[0]!;
}

export function deploymentStatus(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(USAGE, err, async () => {
    const { flags, positionals } = parseFlags(argv, { verbose: "bool" });
    const d = await findDeployment(clientFromEnv(), oneId(positionals));
    out.write(`${deploymentStatusText(d, flags.verbose ?? false)}\n`);
    return 0;
  }, argv);
}

export function deploymentPromote(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(USAGE, err, async () => {
    const { flags, positionals } = parseFlags(argv, { group: "list", detach: "bool", verbose: "bool" });
    const client = clientFromEnv();
    const d = await findDeployment(client, oneId(positionals));
    const groups = flags.group ?? [];
    const { data } = groups.length > 0 ? await client.deployments.promoteGroups(d.ID ?? "", groups) : await client.deployments.promoteAll(d.ID ?? "");
    if (!data.EvalID) return 0;
    if (flags.detach) {
      out.write(`Evaluation ID: ${data.EvalID}\n`);
      return 0;
    }
    return monitorEval(client, data.EvalID, { out, verbose: flags.verbose ?? false, deploymentId: d.ID });
  }, argv);
}

export function deploymentFail(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(USAGE, err, async () => {
    const { flags, positionals } = parseFlags(argv, { detach: "bool", verbose: "bool" });
    const client = clientFromEnv();
    const d = await findDeployment(client, oneId(positionals));
    const { data } = await client.deployments.fail(d.ID ?? "");
    const reverted = data.RevertedJobVersion;
    out.write(`Deployment "${d.ID}" failed${reverted === null || reverted === undefined ? "" : `. Auto-reverted to job version ${reverted}.`}\n`);
    if (flags.detach || !data.EvalID) return 0;
    // Failed is what was asked for; an auto-revert's deployment is followed and must succeed.
    return monitorEval(client, data.EvalID, { out, verbose: flags.verbose ?? false, okStatuses: ["successful", "failed"], deploymentId: d.ID });
  }, argv);
}

export function deploymentList(argv: string[], out: Output = stdout, err: Output = stderr): Promise<number> {
  return guarded(USAGE, err, async () => {
    const { flags } = parseFlags(argv, { verbose: "bool" });
    const { data } = await clientFromEnv().deployments.list();
    if (data.length === 0) {
      out.write("No deployments found\n");
      return 0;
    }
    const rows = [...data]
      .sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0))
      .map((d) => `${shortId(d.ID, flags.verbose)}|${d.JobID ?? ""}|${d.JobVersion ?? 0}|${d.Status ?? ""}|${d.StatusDescription ?? ""}`);
    out.write(`${formatList(["ID|Job ID|Job Version|Status|Description", ...rows])}\n`);
    return 0;
  }, argv);
}

export function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv.slice(0, 1))) {
    process.stdout.write(`${USAGE}\n`);
    return Promise.resolve(0);
  }
  return dispatch(
    {
      name: "deployment",
      usage: USAGE,
      subcommands: { status: (a) => deploymentStatus(a), promote: (a) => deploymentPromote(a), fail: (a) => deploymentFail(a), list: (a) => deploymentList(a) },
    },
    argv,
    stderr,
  );
}
