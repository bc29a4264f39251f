/**
 * @module errors: every failure of this package is a JobspecError with a stable code, so the agent can
 * answer `400 Failed to parse job: <message>` and the CLI can print the same text Nomad users know.
 */

export const JobspecErrorCode = {
  /** The HCL text is not valid HCL2 (tokens, brackets, strings). */
  Syntax: "JOBSPEC_SYNTAX",
  /** Valid HCL, but a block, attribute or expression we do not support (never silently dropped). */
  Unsupported: "JOBSPEC_UNSUPPORTED",
  /** A value has the wrong type or cannot be converted (duration, number, list). */
  InvalidValue: "JOBSPEC_INVALID_VALUE",
  /** A `-var`, var-file or `var.x` reference that is not declared, or a variable without a value. */
  Variable: "JOBSPEC_VARIABLE",
  /** The file does not hold exactly one `job` block. */
  Structure: "JOBSPEC_STRUCTURE",
} as const;
export type JobspecErrorCode = (typeof JobspecErrorCode)[keyof typeof JobspecErrorCode];

/** Where in the source a problem is: the file name, 1-based line, and the block path (`job "web" > group "api"`). */
export interface SourcePos {
  filename: string;
  line: number;
  block?: string | undefined;
}

export class JobspecError extends Error {
  override readonly name = "JobspecError";
  readonly code: JobspecErrorCode;
  readonly pos: SourcePos | undefined;
  readonly detail: string;

  constructor(code: JobspecErrorCode, detail: string, pos?: SourcePos) {
    super(pos ? `${pos.filename}:${pos.line}${pos.block ? ` (in ${pos.block})` : ""}: ${detail}` : detail);
    this.code = code;
    this.pos = pos;
    this.detail = detail;
  }
}
