#!/usr/bin/env node
// `pnpm start` until the dev agent can run the job files: builds the workspace, starts forex-rate,
// forex-converter and forex-web as local processes wired to each other, prints the URLs, and stops
// them all on Ctrl-C. Logs go to .data/logs/<service>.log.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const logs = join(root, ".data", "logs");
mkdirSync(logs, { recursive: true });

console.log("forex-mesh: building the workspace (pnpm -r build)…");
const build = spawnSync("pnpm", ["-r", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (build.status !== 0) {
  console.error("forex-mesh: the build failed; run `pnpm -r build` to see why.");
  process.exit(1);
}

const ports = { rate: 8081, converter: 8082, web: 8083 };
const services = [
  { name: "forex-rate", dir: "services/rate", env: { PORT: String(ports.rate) } },
  {
    name: "forex-converter",
    dir: "services/converter",
    env: { PORT: String(ports.converter), FOREX_RATE_URL: `http://127.0.0.1:${ports.rate}` },
  },
  {
    name: "forex-web",
    dir: "services/web",
    env: {
      PORT: String(ports.web),
      FOREX_CONVERTER_URL: `http://127.0.0.1:${ports.converter}`,
      FOREX_RATE_URL: `http://127.0.0.1:${ports.rate}`,
    },
  },
];

const children = [];
for (const service of services) {
  const entry = join(root, service.dir, "dist", "main.js");
  if (!existsSync(entry)) {
    console.error(`forex-mesh: ${entry} is missing after the build`);
    process.exit(1);
  }
  const log = createWriteStream(join(logs, `${service.name}.log`), { flags: "a" });
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, FOREX_VERSION: "v1", ...service.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`forex-mesh: ${service.name} exited (${code ?? signal}); see ${join(logs, `${service.name}.log`)}`);
  });
  children.push({ ...service, child });
}

let stopping = false;
async function waitReady(name, port) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`forex-mesh: ${name} is not ready after 15 s; see ${join(logs, `${name}.log`)}`);
  return false;
}

const ready = await Promise.all([
  waitReady("forex-rate", ports.rate),
  waitReady("forex-converter", ports.converter),
  waitReady("forex-web", ports.web),
]);
if (ready.every(Boolean)) {
  console.log(`
forex-mesh is up (services only; the dev agent, sidecars, console and Prometheus come with later issues)
  web page         http://127.0.0.1:${ports.web}/
  forex-converter  http://127.0.0.1:${ports.converter}/v1/convert?from=USD&to=JPY&amount=100
  forex-rate       http://127.0.0.1:${ports.rate}/v1/latest
  logs             ${logs}
Ctrl-C stops everything.`);
}

function stop() {
  if (stopping) return;
  stopping = true;
  console.log("\nforex-mesh: stopping…");
  for (const { child } of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(0), 3000).unref();
  Promise.all(children.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r))))).then(() =>
    process.exit(0),
  );
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
