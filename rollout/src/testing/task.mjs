// A do-nothing task for the rollout's integration tests: it stays up until Nomad stops it, which
// is all a canary needs to be healthy (no service checks, so health is "running for min_healthy_time").
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
process.stdout.write(`task up, version ${process.env.NOMAD_META_version}\n`);
setInterval(() => {}, 60_000);
