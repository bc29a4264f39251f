import { readBackends, sharedAnswer } from "../../../../lib/server/context";
import { errorResponse } from "../../../../lib/server/errors";
import { parseInput, serviceName } from "../../../../lib/server/input";
import { serviceDetail } from "../../../../lib/server/mesh";
import { refuseOtherMethods } from "../../../../lib/server/methods";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    return Response.json(await sharedAnswer(`service:${name}`, () => serviceDetail(readBackends(), name, Date.now())));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
