import assert from "node:assert/strict";
import { test } from "node:test";
import { commands } from "./commands.js";

test("every subcommand has a summary and a loader", () => {
  for (const [name, command] of Object.entries(commands)) {
    assert.ok(command.summary.length > 0, `${name} has a summary`);
    assert.equal(typeof command.load, "function");
  }
});
