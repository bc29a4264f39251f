/**
 * @module output: where commands print. A terminal gets a live block redrawn in place; a pipe or a
 * log file gets a new copy only when the content changed, so CI logs stay readable.
 */

export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
}

export const stdout: Output = {
  write: (t) => void process.stdout.write(t),
  get isTTY() {
    return Boolean(process.stdout.isTTY);
  },
};
export const stderr: Output = {
  write: (t) => void process.stderr.write(t),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

/** An in-memory Output for tests and for capturing a command's text. */
export function bufferOutput(isTTY = false): Output & { text(): string } {
  let buf = "";
  return {
    isTTY,
    write: (t) => {
      buf += t;
    },
    text: () => buf,
  };
}

export class LiveBlock {
  private lines = 0;
  private lastKey: string | undefined;
  constructor(private readonly out: Output) {}

  /** Shows `text`; `key` is the part that matters for change detection (no clock, no spinner). */
  update(text: string, key: string): void {
    if (this.out.isTTY) {
      // Cursor to the start of the block's first line, then clear to the end of the screen.
      const clear = this.lines > 0 ? `\x1b[${this.lines}F\x1b[J` : "";
      const body = text.endsWith("\n") ? text : `${text}\n`;
      this.out.write(clear + body);
      this.lines = body.split("\n").length - 1;
    } else if (key !== this.lastKey) {
      this.out.write(text.endsWith("\n") ? text : `${text}\n`);
    }
    this.lastKey = key;
  }
}
