/**
 * Durability under a crash: the agent is SIGKILLed while writers are mid-stream; after it restarts,
 * every acknowledged KV write and registration is there (see mid-run-restart.ts).
 */
import { test } from "node:test";
import { acknowledgedWritesSurvive } from "./mid-run-restart.js";

test("kill -9 mid-run loses no acknowledged KV write or registration", (t) => acknowledgedWritesSurvive(t, { kill9: true }));
