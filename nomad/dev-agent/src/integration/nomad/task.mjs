// A tiny task for the dev agent's Nomad tests (plain Node, no dependencies).
//   node task.mjs sidecar   serves GET /readyz on NOMAD_PORT_admin: 200, or 503 when READY=fail
//   node task.mjs app       prints a line every TICK_MS (default 200) to stdout, one to stderr at start
//   node task.mjs crash     prints a line and exits 3 after CRASH_MS (default 100)
import { createServer } from "node:http";

const mode = process.argv[2];
const log = (line) => process.stdout.write(`${new Date().toISOString()} ${process.env.NOMAD_TASK_NAME} ${line}\n`);
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));

if (mode === "sidecar") {
  const port = Number(process.env.NOMAD_PORT_admin);
  createServer((req, res) => {
    const ok = req.url === "/readyz" && process.env.READY !== "fail";
    res.writeHead(ok ? 200 : 503, { "Content-Type": "text/plain" });
    res.end(ok ? "ready\n" : "not ready\n");
  }).listen(port, "127.0.0.1", () => log(`sidecar listening on ${port} version=${process.env.NOMAD_META_version}`));
} else if (mode === "app") {
  process.stderr.write(`app starting alloc=${process.env.NOMAD_ALLOC_ID}\n`);
  let n = 0;
  setInterval(() => log(`tick ${n++}`), Number(process.env.TICK_MS ?? 200));
} else if (mode === "crash") {
  log("about to crash");
  setTimeout(() => process.exit(3), Number(process.env.CRASH_MS ?? 100));
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
