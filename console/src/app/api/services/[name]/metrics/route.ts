import { readBackends, sharedAnswer } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { chartWindow, parseInput, serviceName } from "../../../../../lib/server/input";
import { serviceMetrics } from "../../../../../lib/server/mesh";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const window = parseInput(chartWindow, new URL(request.url).searchParams.get("window") ?? undefined, "window");
    return Response.json(await sharedAnswer(`metrics:${name}:${window}`, () => serviceMetrics(readBackends(), name, window, Date.now())));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
