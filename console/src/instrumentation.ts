/**
 * Runs once when the server starts: parses the config (failing fast on a bad one) and, in dev where
 * no password is configured, prints the generated one to the task log.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverConfig } = await import("./lib/server/runtime");
  let config: ReturnType<typeof serverConfig>;
  try {
    config = serverConfig();
  } catch (error) {
    // Next logs an error thrown here and goes on serving 500s; a bad config must stop the process
    // instead, so its supervisor (Nomad) sees the task fail and shows why.
    console.error(`forex-console: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (config.passwordGenerated) {
    console.log(`forex-console: no FOREX_CONSOLE_PASSWORD set; generated password for this run: ${config.password}`);
  }
  console.log(`forex-console: Nomad ${config.nomad.address}, Consul ${config.consul.address}, Prometheus ${config.prometheus.address}`);
}
