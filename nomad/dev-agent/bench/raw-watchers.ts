/**
 * Parked HTTP requests over raw keep-alive sockets, for the fan-out benchmark. The node:http client
 * costs ~50-100 µs per response, which with 500 watchers in one process would measure the client,
 * not the agent; here a response costs one `data` event and a header scan.
 */
import { connect, type Socket } from "node:net";

export interface RawWatchers {
  /** Sends `path` on every socket; resolves with each response's completion time (performance.now()). */
  park(path: string): Promise<number>[];
  close(): void;
}

export async function openWatchers(base: string, count: number): Promise<RawWatchers> {
  const url = new URL(base);
  const sockets: Socket[] = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(socket));
          socket.setNoDelay(true);
          socket.once("error", reject);
        }),
    ),
  );
  return {
    park(path) {
      const request = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
      return sockets.map(
        (socket) =>
          new Promise<number>((resolve) => {
            let buffered = "";
            const onData = (chunk: Buffer): void => {
              buffered += chunk.toString("latin1");
              const headerEnd = buffered.indexOf("\r\n\r\n");
              if (headerEnd === -1) return;
              const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, headerEnd))?.[1] ?? 0);
              if (buffered.length < headerEnd + 4 + length) return;
              socket.off("data", onData);
              resolve(performance.now());
            };
            socket.on("data", onData);
            socket.write(request);
          }),
      );
    },
    close() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
