"use strict";
const http = require("node:http");
const { describe } = require("./uptime");

const port = Number(process.env.PORT) || 3000;

http
  .createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ hello: "e2e", from: "pnpm", day: describe(86400000) }));
  })
  .listen(port, () => console.log(`listening on ${port}`));
