// The undici floor: node:http server + an undici Pool, no routing, no metrics.
import { createServer } from "node:http";
import { Pool } from "undici";

const [port, upstreamPort] = process.argv.slice(2).map(Number);
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 256, pipelining: 1 });
const server = createServer(async (req, res) => {
  try {
    const up = await pool.request({ path: req.url, method: req.method, headers: req.headers, body: req.method === "GET" ? null : req });
    res.writeHead(up.statusCode, up.headers);
    up.body.pipe(res);
  } catch {
    res.writeHead(502);
    res.end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
