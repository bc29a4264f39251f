import { readBackends } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { jobHistory } from "../../../../../lib/server/history";
import { parseInput, serviceName } from "../../../../../lib/server/input";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

/** The job's versions (newest first, each with its diff) and the routing table's current revision. */
export async function GET(_request: Request, ctx: { params: Promise<{ job: string }> }): Promise<Response> {
  try {
    const job = parseInput(serviceName, (await ctx.params).job, "job");
    return Response.json(await jobHistory(readBackends(), job));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
