import assert from "node:assert/strict";
import { test } from "node:test";
import { toMarkers } from "./markers";

const T0 = 1_764_036_000; // seconds
const iso = (s: number) => new Date(s * 1000).toISOString();
const ns = (s: number) => s * 1e9;
const range = { start: T0, end: T0 + 900 };
const none = { history: null, deployments: [], rollout: null };

test("toMarkers: routing history entries become info markers with the split and who changed it", () => {
  const markers = toMarkers(
    {
      ...none,
      history: {
        entries: [
          { at: iso(T0 + 60), split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }], actor: "console", reason: "v2 → 10% (button)", revision: 31 },
          { at: iso(T0 - 60), split: [{ version: "v1", weight: 100 }], actor: "cli" },
        ],
      },
    },
    range,
  );
  assert.deepEqual(markers, [{ t: T0 + 60, source: "routing", tone: "info", short: "90/10", label: "routing v1 90% · v2 10% by console: v2 → 10% (button)" }]);
});

test("toMarkers: a deployment marks its start, then promoted / failed at its last change; labels name the version", () => {
  const groups = (promoted: boolean) => ({ rate: { Promoted: promoted, DesiredCanaries: 2 } });
  const markers = toMarkers(
    {
      ...none,
      deployments: [
        { ID: "aaaaaaaa-1", JobVersion: 1, Status: "successful", CreateTime: ns(T0 + 100), ModifyTime: ns(T0 + 200), TaskGroups: groups(true) },
        { ID: "bbbbbbbb-2", JobVersion: 2, Status: "failed", StatusDescription: "Deployment marked as failed", CreateTime: ns(T0 + 300), ModifyTime: ns(T0 + 400), TaskGroups: groups(false) },
        { ID: "cccccccc-3", JobVersion: 3, Status: "running", CreateTime: ns(T0 + 500), ModifyTime: ns(T0 + 500), TaskGroups: groups(false) },
        { ID: "dddddddd-4", JobVersion: 4, Status: "running", CreateTime: ns(T0 + 600), ModifyTime: ns(T0 + 650), TaskGroups: groups(true) },
      ],
      labels: new Map([[1, "v2"], [2, "v3"]]),
    },
    range,
  );
  assert.deepEqual(
    markers.map((m) => [m.t - T0, m.tone, m.short, m.label]),
    [
      [100, "info", "deploy", "deployment of v2 (job version 1, aaaaaaaa) started"],
      [200, "good", "promoted", "deployment of v2 (job version 1, aaaaaaaa) promoted and successful"],
      [300, "info", "deploy", "deployment of v3 (job version 2, bbbbbbbb) started"],
      [400, "bad", "failed", "deployment of v3 (job version 2, bbbbbbbb) failed: Deployment marked as failed"],
      [500, "info", "deploy", "deployment of (job version 3, cccccccc) started"],
      [600, "info", "deploy", "deployment of (job version 4, dddddddd) started"],
      [650, "good", "promoted", "deployment of (job version 4, dddddddd) promoted"],
    ],
  );
});

test("toMarkers: rollout steps and pass/fail verdicts are marked, wait verdicts are not; sorted with the rest", () => {
  const ev = (s: number, kind: string, step: number, weight: number, outcome?: "pass" | "fail" | "wait") => ({ at: iso(T0 + s), kind, step, weight, message: `${kind} ${outcome ?? ""}`.trim(), ...(outcome ? { outcome } : {}) });
  const markers = toMarkers(
    {
      ...none,
      history: { entries: [{ at: iso(T0 + 15), split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }], actor: "rollout" }] },
      rollout: { events: [ev(10, "started", -1, 0), ev(15, "step", 0, 10), ev(45, "verdict", 0, 10, "wait"), ev(75, "verdict", 0, 10, "pass"), ev(80, "step", 1, 25), ev(140, "verdict", 1, 25, "fail"), ev(141, "rolled-back", 1, 0)] },
    },
    range,
  );
  assert.deepEqual(
    markers.map((m) => [m.t - T0, m.source, m.tone, m.short]),
    [
      [10, "rollout", "info", "rollout"],
      [15, "routing", "info", "90/10"],
      [15, "rollout", "info", "step 1 10%"],
      [75, "rollout", "good", "step 1 pass"],
      [80, "rollout", "info", "step 2 25%"],
      [140, "rollout", "bad", "step 2 fail"],
      [141, "rollout", "bad", "rolled-back"],
    ],
  );
});
