// A node:test reporter that writes one JSON line: how many tests passed, failed and were skipped.
export default async function* tallyReporter(source) {
  const tally = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { data } = event;
    if (data.details?.type === "suite") continue;
    if (data.skip !== undefined || data.todo !== undefined) tally.skipped += 1;
    else if (event.type === "test:pass") tally.passed += 1;
    else tally.failed += 1;
  }
  yield `${JSON.stringify(tally)}\n`;
}
