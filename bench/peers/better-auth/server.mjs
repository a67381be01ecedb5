// The peer server: better-auth's handler on Node's http server, nothing else.
import http from "node:http";
import { toNodeHandler } from "better-auth/node";
import { auth } from "./auth.mjs";

const port = Number(process.env.PORT || 18282);
const handler = toNodeHandler(auth);
http
  .createServer((req, res) => {
    if (req.url === "/health") {
      res.end("ok");
      return;
    }
    handler(req, res);
  })
  .listen(port, "127.0.0.1", () => {
    console.log(`better-auth peer listening on http://127.0.0.1:${port}`);
  });
