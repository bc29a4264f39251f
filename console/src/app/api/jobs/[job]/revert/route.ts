import { z } from "zod";
import { backends } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { revertJob } from "../../../../../lib/server/history";
import { jsonBody, parseInput, serviceName } from "../../../../../lib/server/input";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

// `priorVersion` is the version the operator was looking at: Nomad refuses the revert if the job moved on.
const body = z.strictObject({ version: z.number().int().min(0), priorVersion: z.number().int().min(0) });

/** Re-registers an earlier version of the job (Nomad `jobs.revert`), as a new version. */
export async function POST(request: Request, ctx: { params: Promise<{ job: string }> }): Promise<Response> {
  try {
    const job = parseInput(serviceName, (await ctx.params).job, "job");
    const { version, priorVersion } = parseInput(body, await jsonBody(request), "revert");
    return Response.json(await revertJob(backends(), job, version, priorVersion));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
