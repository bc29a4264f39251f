import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

export interface LoggerOptions {
  service: string;
  version: string;
  alloc?: string | undefined;
  level?: string;
  destination?: DestinationStream;
}

/** JSON lines on stdout, with the fields every hop's log carries so one request can be followed. */
export function createLogger({ service, version, alloc, level = "info", destination }: LoggerOptions): Logger {
  const base = alloc === undefined ? { service, version } : { service, version, alloc };
  const options = { level, base, timestamp: pino.stdTimeFunctions.isoTime, messageKey: "msg" };
  // Asynchronous stdout: a synchronous write per access-log line was the largest single cost of a
  // request in forex-rate's profile. Lines written while a write is in flight go out together; pino
  // flushes what is pending when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
