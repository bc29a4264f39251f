/**
 * Runs once when the server starts: parses the config (failing fast on a bad one) and, in dev where
 * no password is configured, prints the generated one to the task log.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverConfig } = await import("./lib/server/runtime");
  const config = serverConfig();
  if (config.passwordGenerated) {
    console.log(`forex-console: no FOREX_CONSOLE_PASSWORD set; generated password for this run: ${config.password}`);
  }
  console.log(`forex-console: Nomad ${config.nomad.address}, Consul ${config.consul.address}, Prometheus ${config.prometheus.address}`);
}
