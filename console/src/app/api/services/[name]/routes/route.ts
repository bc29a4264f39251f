import { backends } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { jsonBody, parseInput, serviceName, weightChange } from "../../../../../lib/server/input";
import { setWeight } from "../../../../../lib/server/mesh";
import { refuseWhileRolling } from "../../../../../lib/server/rollout";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

/** Sets one version's weight (the others keep their proportions) and writes the table to Consul KV. */
export async function PUT(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const change = parseInput(weightChange, await jsonBody(request), "weight change");
    await refuseWhileRolling(backends(), name);
    return Response.json(await setWeight(backends(), name, change.version, change.weight, `${change.version} → ${change.weight}% (${change.via})`));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, POST, PATCH, DELETE } = refuseOtherMethods("PUT");
