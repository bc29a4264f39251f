#!/usr/bin/env node
// The per-task executor shim (Nomad's executor + logmon in one tiny process). It starts the task in
// its own process group, owns the task's stdout/stderr pipes and writes them to size-rotated files,
// and records the exit status in a file. It outlives the agent, so logs keep flowing and the exit
// code is not lost while the agent restarts. Plain JS with no dependencies: it must start fast from
// both src/ (tests) and dist/.
//
// Protocol: argv[2] is a JSON spec file written by the runner. The shim writes `handle.json`
// (its own and the task's pid + start time), writes that handle as one JSON line on fd 3 and
// closes it; on a spawn error it prints {"error": "..."} and exits 1. When the task exits it
// kills what is left of the group and atomically writes `exit.json`.
import { spawn } from "node:child_process";
import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";

function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function writeAtomic(path, value) {
  writeFileSync(`${path}.tmp`, JSON.stringify(value));
  renameSync(`${path}.tmp`, path);
}

// Nomad's FileRotator: `<task>.<type>.<n>`, n grows; a full file rolls to n+1 and only the newest
// `maxFiles` are kept. A restarted shim resumes appending to the newest existing file.
class Rotator {
  constructor(dir, base, maxFiles, maxBytes) {
    this.dir = dir;
    this.base = base;
    this.maxFiles = maxFiles;
    this.maxBytes = maxBytes;
    const indexes = this.indexes();
    this.index = indexes.length > 0 ? indexes[indexes.length - 1] : 0;
    this.open();
  }
  indexes() {
    const prefix = `${this.base}.`;
    return readdirSync(this.dir)
      .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
      .map((n) => Number(n.slice(prefix.length)))
      .sort((a, b) => a - b);
  }
  open() {
    this.fd = openSync(join(this.dir, `${this.base}.${this.index}`), "a");
    this.size = fstatSync(this.fd).size;
  }
  write(chunk) {
    let at = 0;
    while (at < chunk.length) {
      if (this.size >= this.maxBytes) this.rotate();
      const n = Math.min(chunk.length - at, this.maxBytes - this.size);
      writeSync(this.fd, chunk, at, n);
      this.size += n;
      at += n;
    }
  }
  rotate() {
    closeSync(this.fd);
    this.index += 1;
    this.open();
    for (const old of this.indexes()) {
      if (old <= this.index - this.maxFiles) unlinkSync(join(this.dir, `${this.base}.${old}`));
    }
  }
  close() {
    closeSync(this.fd);
  }
}

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
// Signals meant for the task must not stop the shim before it has drained the pipes.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGPIPE"]) process.on(sig, () => {});

const out = new Rotator(spec.logDir, `${spec.taskName}.stdout`, spec.maxFiles, spec.maxFileBytes);
const err = new Rotator(spec.logDir, `${spec.taskName}.stderr`, spec.maxFiles, spec.maxFileBytes);

const child = spawn(spec.command, spec.args, {
  cwd: spec.cwd,
  env: spec.env,
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
});

// The handshake goes over fd 3, a pipe the runner reads to its end; closing it (which Node will not
// do for stdout) tells the runner the line is complete and leaves nothing tied to the agent.
function say(line) {
  writeSync(3, `${JSON.stringify(line)}\n`);
  closeSync(3);
}

child.on("error", (error) => {
  say({ error: error.message });
  process.exitCode = 1;
  out.close();
  err.close();
});

child.on("spawn", () => {
  const handle = {
    shim: { pid: process.pid, startTime: startTime(process.pid) },
    task: { pid: child.pid, startTime: startTime(child.pid) },
    startedAtMs: Date.now(),
  };
  writeAtomic(spec.handleFile, handle);
  say(handle);
  let open = 2;
  let exit = null;
  const finish = () => {
    out.close();
    err.close();
    writeAtomic(spec.exitFile, { ...exit, finishedAtMs: Date.now() });
    process.exit(0);
  };
  const closed = () => {
    open -= 1;
    if (open === 0 && exit) finish();
  };
  child.stdout.on("data", (c) => out.write(c));
  child.stderr.on("data", (c) => err.write(c));
  child.stdout.on("close", closed);
  child.stderr.on("close", closed);
  child.on("exit", (code, signal) => {
    // As Nomad's executor: a signalled task reports exit code 128 + signal number.
    const signum = signal ? (constants.signals[signal] ?? 0) : 0;
    exit = { exitCode: signal ? 128 + signum : (code ?? 0), signal: signal ?? null, signum };
    // Leftover group members would keep the pipes open and run unsupervised.
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
    if (open === 0) finish();
    // A descendant that left the group could hold a pipe forever; do not wait on it.
    setTimeout(finish, 2000).unref();
  });
});
