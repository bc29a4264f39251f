// Bench upstream: a small node:http JSON answer with keep-alive, like a service's cheapest route.
import { createServer } from "node:http";

const port = Number(process.argv[2]);
const body = JSON.stringify({ base: "EUR", quote: "USD", rate: "1.0842", date: "2026-11-24" });
let connections = 0;
const server = createServer((req, res) => {
  req.resume();
  if (req.url === "/__connections") {
    // How many TCP connections this upstream has accepted: the bench's "new connections" figure.
    res.end(String(connections));
    return;
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.on("connection", () => {
  connections += 1;
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
