/** @module ports: is a port free on 127.0.0.1? Checked before starting anything, to fail clearly. */
import { createServer } from "node:net";
import { CliError, CliErrorCode } from "../errors.js";

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function requireFreePorts(ports: readonly { port: number; what: string; flag: string }[]): Promise<void> {
  for (const p of ports) {
    if (await portFree(p.port)) continue;
    throw new CliError(
      CliErrorCode.PortBusy,
      `port ${p.port} (${p.what}) is already in use on 127.0.0.1.\n` +
        `Is another \`pnpm start\` (or a Consul/Nomad agent, or another program) running? Stop it, or choose another port with ${p.flag} N.\n` +
        `To see what holds it: ss -ltnp 'sport = :${p.port}'`,
    );
  }
}
