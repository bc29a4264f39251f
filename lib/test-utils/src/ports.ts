import { createServer, type Server } from "node:net";

// Ports handed out by this process; a test that asks for several never gets the same one twice.
const handedOut = new Set<number>();
// Below Linux's ephemeral range (32768–60999): a port the kernel picks for port 0 can be taken by
// the local end of any outgoing connection before the program under test binds it, which made
// load-heavy test runs flaky. The dev agent's dynamic ports are 20000–32000, so stay under that too.
const LOW = 10_000;
const SPAN = 10_000;

function canBind(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port on 127.0.0.1 that is free now (closed again before returning), from 10000–19999 and
 * never one this process already handed out.
 */
export async function freePort(random: () => number = Math.random): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOW + Math.floor(random() * SPAN);
    if (handedOut.has(port)) continue;
    // Reserved before the bind check, so concurrent callers never draw the same port.
    handedOut.add(port);
    if (await canBind(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`no free port found in ${LOW}-${LOW + SPAN - 1} after 200 tries`);
}

/** Listens on 127.0.0.1 port 0 and resolves with the base URL, e.g. `http://127.0.0.1:40123`. */
export async function listenOn(server: Server | import("node:http").Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return `http://127.0.0.1:${address.port}`;
}
