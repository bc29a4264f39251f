import { backends } from "../../../../../lib/server/context";
import { deployVersion } from "../../../../../lib/server/deploy";
import { errorResponse } from "../../../../../lib/server/errors";
import { jsonBody, parseInput, serviceName } from "../../../../../lib/server/input";
import { deployRequest } from "../../../../../lib/view/deploy";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

/** Deploys a version (label + env overrides) as canaries at 0%; 409 while another deployment runs. */
export async function POST(request: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const req = parseInput(deployRequest, await jsonBody(request), "deploy");
    return Response.json(await deployVersion(backends(), name, req, Date.now()));
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
