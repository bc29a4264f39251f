import { faultEntrySchema } from "@forex-mesh/routing";
import { backends, readBackends } from "../../../../../lib/server/context";
import { errorResponse } from "../../../../../lib/server/errors";
import { clearFault, serviceFaults, setFault } from "../../../../../lib/server/faults";
import { jsonBody, parseInput, serviceName } from "../../../../../lib/server/input";
import { faultRequest } from "../../../../../lib/view/faults";
import { refuseOtherMethods } from "../../../../../lib/server/methods";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ name: string }> };

/** The faults in force for the service, with the time each has left. */
export async function GET(_request: Request, ctx: Ctx): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    return Response.json({ service: name, faults: await serviceFaults(readBackends(), name, Date.now()) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Sets (or replaces) one version's fault: `{ version, latencyMs, errorRatio, minutes }`. */
export async function PUT(request: Request, ctx: Ctx): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const req = parseInput(faultRequest, await jsonBody(request), "fault");
    return Response.json({ service: name, faults: await setFault(backends(), name, req, Date.now()) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Clears one version's fault (`?version=v3`) or every fault of the service. */
export async function DELETE(request: Request, ctx: Ctx): Promise<Response> {
  try {
    const name = parseInput(serviceName, (await ctx.params).name, "service");
    const raw = new URL(request.url).searchParams.get("version");
    const version = raw === null ? null : parseInput(faultEntrySchema.shape.version, raw, "version");
    return Response.json({ service: name, faults: await clearFault(backends(), name, version, Date.now()) });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PATCH } = refuseOtherMethods("GET", "PUT", "DELETE");
