import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { createNomadClient } from "./client.js";
import { configFromEnv } from "./config.js";
import { NomadError } from "./errors.js";
import { startMockNomad } from "./testing/mock-nomad.js";

describe("transport failures", () => {
  it("reports a refused connection as NOMAD_TRANSPORT naming the address", async () => {
    const port = await freePort();
    const client = createNomadClient(configFromEnv({ NOMAD_ADDR: `http://127.0.0.1:${port}` }));
    await assert.rejects(client.jobs.list(), (e: unknown) => e instanceof NomadError && e.code === "NOMAD_TRANSPORT" && e.message.includes(`127.0.0.1:${port}`) && /ECONNREFUSED/.test(e.message));
  });

  it("reports a server that never answers as NOMAD_TIMEOUT", async () => {
    const hang = createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
    const { port } = hang.address() as AddressInfo;
    try {
      const client = createNomadClient(configFromEnv({ NOMAD_ADDR: `http://127.0.0.1:${port}` }, 200));
      await assert.rejects(client.jobs.list(), (e: unknown) => e instanceof NomadError && e.code === "NOMAD_TIMEOUT" && /no answer within 200 ms/.test(e.message));
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });

  it("rejects an empty or non-JSON 200 body as NOMAD_DECODE", async () => {
    const nomad = await startMockNomad();
    try {
      const client = createNomadClient(configFromEnv({ NOMAD_ADDR: nomad.address }));
      nomad.on("GET /v1/jobs", { body: "" });
      await assert.rejects(client.jobs.list(), (e: unknown) => e instanceof NomadError && e.code === "NOMAD_DECODE" && /empty response body/.test(e.message));
      nomad.on("GET /v1/jobs", { body: "<html>" });
      await assert.rejects(client.jobs.list(), (e: unknown) => e instanceof NomadError && e.code === "NOMAD_DECODE" && /not JSON/.test(e.message));
    } finally {
      await nomad.close();
    }
  });
});
