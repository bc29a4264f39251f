import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../fixtures/load";
import { flattenDiff, summarizeRoutes, toTimeline, type VersionsInput } from "./history";

// forex-rate registered with version=v1, then version=v2: the versions answer with diffs.
const versions = fixture<VersionsInput>("versions-forex-rate.json");

test("toTimeline: newest version first with its diff from the one before; the first has no changes", () => {
  const timeline = toTimeline(versions, null);
  assert.deepEqual(
    timeline.map((e) => (e.kind === "job" ? [e.version, e.label, e.current, e.stable, e.first] : e.kind)),
    [
      [1, "v2", true, false, false],
      [0, "v1", false, true, true],
    ],
  );
  const [v1, v0] = timeline;
  assert.equal(v1?.kind === "job" && v1.submittedMs, 1_764_032_700_000);
  assert.deepEqual(v1?.kind === "job" && v1.changes, [{ type: "Edited", path: "Meta[version]", old: "v1", new: "v2" }]);
  assert.deepEqual(v0?.kind === "job" && v0.changes, []);
});

test("toTimeline: the routing table's current revision heads the timeline", () => {
  const timeline = toTimeline(versions, { revision: 42, summary: "v1 90% · v2 10%" });
  assert.deepEqual(timeline[0], { kind: "routing-now", revision: 42, summary: "v1 90% · v2 10%" });
  assert.equal(timeline.length, 3);
});

test("toTimeline: recorded routing changes sit between the job versions by time, newest first", () => {
  // Version 0 was submitted at 1_764_032_640_000 ms, version 1 (v2) at 1_764_032_700_000: one change between them, two after.
  const at = (ms: number) => new Date(ms).toISOString();
  const history = {
    entries: [
      { at: at(1_764_032_650_000), split: [{ version: "v1", weight: 100 }], actor: "cli" },
      { at: at(1_764_032_710_000), split: [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }], actor: "console", reason: "deploy v2: 0% until traffic is shifted", revision: 30 },
      { at: at(1_764_032_760_000), split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }], actor: "rollout", reason: "step 1", revision: 31 },
    ],
  };
  const timeline = toTimeline(versions, { revision: 31, summary: "v1 90% · v2 10%" }, history);
  assert.deepEqual(
    timeline.map((e) => (e.kind === "job" ? `job ${e.version}` : e.kind === "routing" ? `routing ${e.summary} by ${e.actor}` : "now")),
    ["now", "routing v1 90% · v2 10% by rollout", "routing v1 100% · v2 0% by console", "job 1", "routing v1 100% by cli", "job 0"],
  );
  const deploy = timeline[2];
  assert.deepEqual(deploy, { kind: "routing", atMs: 1_764_032_710_000, summary: "v1 100% · v2 0%", actor: "console", reason: "deploy v2: 0% until traffic is shifted", revision: 30 });
});

test("flattenDiff: group and task changes carry their path; added tasks and untouched fields", () => {
  const changes = flattenDiff({
    Type: "Edited",
    Fields: [{ Type: "None", Name: "Priority", Old: "50", New: "50" }],
    Objects: null,
    TaskGroups: [
      {
        Type: "Edited",
        Name: "api",
        Fields: [{ Type: "Edited", Name: "Count", Old: "2", New: "3" }],
        Objects: null,
        Tasks: [
          {
            Type: "Edited",
            Name: "app",
            
            Fields: null,
            Objects: [{ Type: "Added", Name: "Env", Fields: [{ Type: "Added", Name: "FAULT_RATE", Old: "", New: "0.2" }], Objects: null }],
          },
          { Type: "Added", Name: "extra",  Fields: null, Objects: null },
        ],
      },
    ],
  });
  assert.deepEqual(changes, [
    { type: "Edited", path: "group api › Count", old: "2", new: "3" },
    { type: "Added", path: "group api › task app › Env › FAULT_RATE", old: "", new: "0.2" },
    { type: "Added", path: "group api › task extra", old: "", new: "" },
  ]);
  assert.deepEqual(flattenDiff(null), []);
});

test("summarizeRoutes: the split as text, anything else verbatim", () => {
  assert.equal(summarizeRoutes('{"split":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}'), "v1 90% · v2 10%");
  assert.equal(summarizeRoutes("not json"), "not json");
});
