/**
 * @module cli: `forex-mesh agent`. Runs in the foreground, prints where it listens, and stops
 * cleanly (pending writes flushed, final snapshot) on SIGTERM or SIGINT.
 * @example
 *   pnpm forex-mesh agent --data-dir /tmp/agent --consul-port 8500
 */
import { startAgent } from "./agent.js";
import { parseConfig } from "./config.js";
import { AgentStartupError } from "./errors.js";

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    const { USAGE } = await import("./config.js");
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = (line: string): void => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  let agent: Awaited<ReturnType<typeof startAgent>>;
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(argv);
    agent = await startAgent({ config, log });
  } catch (error) {
    if (error instanceof AgentStartupError) {
      process.stderr.write(`forex-mesh agent: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  log(`data dir ${config.dataDir}`);
  log(`consul api listening on ${agent.consulAddr}`);
  log(`nomad api listening on ${agent.nomadAddr}`);
  let stopping = false;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    // Handlers stay installed: a second signal during shutdown must not kill the process halfway
    // through its final snapshot.
    const onSignal = (name: NodeJS.Signals): void => {
      if (stopping) log(`${name}: already shutting down`);
      stopping = true;
      resolve(name);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
  log(`${signal}: shutting down`);
  await agent.close();
  log("stopped");
  return 0;
}
