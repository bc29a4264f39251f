import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { loadConfig, port, serviceEnv } from "./config.js";
import { ConfigError } from "./errors.js";

const schema = z.object({ PORT: port(8081), ...serviceEnv });

test("empty strings count as unset and defaults apply", () => {
  const config = loadConfig(schema, { PORT: "", FOREX_VERSION: "  " });
  assert.equal(config.PORT, 8081);
  assert.equal(config.FOREX_VERSION, "dev");
  assert.ok(Object.isFrozen(config));
});

test("every invalid variable is reported at once", () => {
  assert.throws(
    () => loadConfig(schema, { PORT: "70000", FOREX_FAULT_ERROR_RATIO: "2", LOG_LEVEL: "loud" }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const fields = error.issues.map((issue) => issue.split(":")[0]).sort();
      assert.deepEqual(fields, ["FOREX_FAULT_ERROR_RATIO", "LOG_LEVEL", "PORT"]);
      return true;
    },
  );
});
