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
  assert.deepEqual(timeline[0], { kind: "routing", revision: 42, summary: "v1 90% · v2 10%" });
  assert.equal(timeline.length, 3);
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
