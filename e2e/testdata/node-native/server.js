"use strict";
const http = require("node:http");
const { check } = require("./hash");

const port = Number(process.env.PORT) || 3000;

http
  .createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ bcrypt: check("probe"), from: "native" }));
  })
  .listen(port, () => console.log(`listening on ${port}`));
