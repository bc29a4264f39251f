import { z } from "zod";
import { backends } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { jsonBody, parseInput, serviceName } from "../../../../../lib/server/input";
import { deploymentAction } from "../../../../../lib/server/mesh";
import { refuseWhileRolling } from "../../../../../lib/server/rollout";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

const body = z.strictObject({ action: z.enum(["promote", "rollback"]) });

/** Promote the canaries or roll the deployment back (traffic first, then Nomad). */
export async function POST(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const { action } = parseInput(body, await jsonBody(request), "deployment action");
    await refuseWhileRolling(backends(), name);
    return Response.json(await deploymentAction(backends(), name, action, Date.now()));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
