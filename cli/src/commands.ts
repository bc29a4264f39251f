/**
 * The subcommands of `forex-mesh`. Each lives in the package that owns it and exports
 * `run(argv: string[]): Promise<number>`; the CLI only dispatches, so packages stay independent.
 */
export interface Command {
  summary: string;
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

export const commands: Record<string, Command> = {
  agent: {
    summary: "run the dev agent (Consul API on :8500) in the foreground",
    load: () => import("@forex-mesh/dev-agent/cli"),
  },
  proxy: {
    summary: "run a sidecar (ingress/egress/admin) or, with --mode edge, the edge proxy",
    load: () => import("@forex-mesh/proxy/cli"),
  },
};
