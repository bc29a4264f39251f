/**
 * @module frames: decoder for Nomad's framed stream (`client/fs/logs`, `client/fs/stream`): JSON
 * objects written back to back with no separator, `{"Offset":…,"Data":"<base64>","File":…}` for
 * data, `{"FileEvent":"file truncated"}` for events and `{}` heartbeats, split anywhere by the network.
 * Pure: push text in, get whole frames out. Heartbeats are dropped, as the Go client does.
 */
import { NomadError, NomadErrorCode } from "./errors.js";

/** One decoded frame. `data` is the raw bytes of `Data`. */
export interface StreamFrame {
  offset: number;
  data: Buffer;
  file: string;
  fileEvent: string;
}

interface WireFrame {
  Offset?: number;
  Data?: string;
  File?: string;
  FileEvent?: string;
}

export class FrameDecoder {
  private buf = "";
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Where scanning stopped in `buf`, so a frame split across many chunks is scanned once. */
  private scanned = 0;

  push(chunk: string): StreamFrame[] {
    this.buf += chunk;
    const out: StreamFrame[] = [];
    let start = 0;
    for (let i = this.scanned; i < this.buf.length; i++) {
      const c = this.buf[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === "{") this.depth++;
      else if (c === "}") {
        this.depth--;
        if (this.depth === 0) {
          const frame = decodeFrame(this.buf.slice(start, i + 1));
          if (frame) out.push(frame);
          start = i + 1;
        } else if (this.depth < 0) {
          throw new NomadError(NomadErrorCode.Decode, "log stream: unbalanced frame");
        }
      } else if (this.depth === 0 && !/\s/.test(c ?? "")) {
        throw new NomadError(NomadErrorCode.Decode, `log stream: unexpected ${JSON.stringify(c)} between frames`);
      } else if (this.depth === 0) {
        start = i + 1;
      }
    }
    this.buf = this.buf.slice(start);
    this.scanned = this.buf.length;
    return out;
  }

  /** True when no partial frame is pending: a stream that ends now ended cleanly. */
  get idle(): boolean {
    return this.buf.trim() === "";
  }
}

function decodeFrame(text: string): StreamFrame | undefined {
  let w: WireFrame;
  try {
    w = JSON.parse(text) as WireFrame;
  } catch (err) {
    throw new NomadError(NomadErrorCode.Decode, "log stream: a frame is not valid JSON", { cause: err });
  }
  if (!w.Data && !w.FileEvent && !w.File && !w.Offset) return undefined;
  return { offset: w.Offset ?? 0, data: Buffer.from(w.Data ?? "", "base64"), file: w.File ?? "", fileEvent: w.FileEvent ?? "" };
}
