import type { ErrorRequestHandler, RequestHandler } from "express";
import { ErrorCodes, HttpError } from "./errors.js";
import type { Logger } from "./logger.js";

/** The JSON 404 for routes that do not exist. */
export function notFound(): RequestHandler {
  return function routeNotFound(req, _res, next) {
    next(new HttpError(404, ErrorCodes.notFound, `no route for ${req.method} ${req.path}`));
  };
}

interface BodyParserError {
  status?: number;
  type?: string;
  expose?: boolean;
  message: string;
}

/** Renders every error as JSON. An HttpError keeps its status; anything unexpected is a logged 500. */
export function errorHandler({ logger }: { logger: Logger }): ErrorRequestHandler {
  return function renderError(error: unknown, _req, res, _next) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      res.status(error.status).json(error.toJSON());
      return;
    }
    const parserError = error as BodyParserError;
    if (typeof parserError.status === "number" && parserError.status >= 400 && parserError.status < 500) {
      res.status(parserError.status).json({
        message: parserError.expose ? parserError.message : "bad request",
        code: ErrorCodes.badRequest,
      });
      return;
    }
    const log = (res.locals.forex?.log as Logger | undefined) ?? logger;
    log.error({ err: error }, "unhandled error");
    res.status(500).json({ message: "internal error", code: ErrorCodes.internal });
  };
}
