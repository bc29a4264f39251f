/**
 * @module methods: JSON 405s. Next answers a method that a route file does not export with an empty
 * 405; each route exports these refusals for the methods it does not serve, so every API error is
 * the same JSON shape, with `Allow` naming what the route does serve.
 */
import { ConsoleError, ConsoleErrorCode, errorResponse } from "./errors";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request) => Response;

/** Handlers for every method except `served`; destructure the ones the route file does not define. */
export function refuseOtherMethods<S extends Method>(...served: S[]): Record<Exclude<Method, S>, Handler> {
  const allow = served.join(", ");
  const refuse: Handler = (request) => {
    const response = errorResponse(new ConsoleError(ConsoleErrorCode.MethodNotAllowed, `${request.method} is not served by ${new URL(request.url).pathname}; it serves ${allow}`));
    response.headers.set("allow", allow);
    return response;
  };
  const handlers: Partial<Record<Method, Handler>> = {};
  for (const m of METHODS) if (!served.includes(m as S)) handlers[m] = refuse;
  return handlers as Record<Exclude<Method, S>, Handler>;
}
