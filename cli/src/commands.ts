/**
 * The subcommands of `forex-mesh`. Each exports `run(argv: string[]): Promise<number>`. `agent` and
 * `proxy` live in the packages that own them; the Nomad-style operator commands (`up`, `job`,
 * `deployment`, `alloc`) live here because they only speak the Nomad and Consul HTTP APIs.
 */
export interface Command {
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

export const commands: Record<string, Command> = {
  up: {
    summary: "build, start the dev agent, run every job, wait until healthy, print the URLs (Ctrl-C stops all)",
    load: () => import("./up/cli.js"),
  },
  job: {
    summary: "run | status | stop a job, like `nomad job` (NOMAD_ADDR finds the agent)",
    load: () => import("./job/cli.js"),
  },
  deployment: {
    summary: "status | promote | fail | list deployments, like `nomad deployment`",
    load: () => import("./deployment/cli.js"),
  },
  alloc: {
    summary: "logs of an allocation's task, like `nomad alloc logs`",
    load: () => import("./alloc/cli.js"),
  },
  agent: {
    summary: "run the dev agent (Consul API on :8500, Nomad API on :4646) in the foreground",
    load: () => import("@forex-mesh/dev-agent/cli"),
  },
  proxy: {
    summary: "run a sidecar (ingress/egress/admin) or, with --mode edge, the edge proxy",
    load: () => import("@forex-mesh/proxy/cli"),
  },
};
