import { randomBytes } from "node:crypto";
import { z } from "zod";
import { backends, readBackends } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { jsonBody, parseInput, serviceName } from "../../../../../lib/server/input";
import { rolloutState, startRollout } from "../../../../../lib/server/rollout";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ name: string }> };

// Shapes only here: the rollout package's spec schema judges the values (and fills the defaults).
const start = z.strictObject({
  steps: z.array(z.number()).max(20).optional(),
  stepSeconds: z.number().optional(),
  gates: z.record(z.enum(["minSuccessRatio", "maxSuccessDrop", "maxP99Ms", "maxP99Factor", "minRequests"]), z.number()).optional(),
});

/** The rollout's spec, the controller's status and the panel's view of both. */
export async function GET(_request: Request, ctx: Ctx): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    return Response.json(await rolloutState(readBackends(), name));
  } catch (error) {
    return errorResponse(error);
  }
}

/** Starts an automated rollout of the running deployment's canaries (409 if none, or one is unfinished). */
export async function POST(request: Request, ctx: Ctx): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const input = parseInput(start, await jsonBody(request), "rollout");
    return Response.json(await startRollout(backends(), name, input, Date.now(), (n) => randomBytes(n).toString("hex")));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
