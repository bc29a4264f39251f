import { CONTROL_COMMANDS } from "@forex-mesh/rollout/schema";
import { z } from "zod";
import { backends } from "../../../../../../lib/server/context";
import { errorResponse } from "../../../../../../lib/server/errors";
import { jsonBody, parseInput, serviceName } from "../../../../../../lib/server/input";
import { controlRollout } from "../../../../../../lib/server/rollout";
import { refuseOtherMethods } from "../../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

const body = z.strictObject({ command: z.enum(CONTROL_COMMANDS) });

/** Pause, resume or abort the current rollout (writes the control key the controller watches). */
export async function POST(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const { command } = parseInput(body, await jsonBody(request), "rollout control");
    return Response.json(await controlRollout(backends(), name, command, Date.now()));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
