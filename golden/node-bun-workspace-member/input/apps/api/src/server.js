// The API of the bun-workspace fixture: it imports the workspace
// library @ws/greet, whose build (tsc) writes the dist/ it runs.
const http = require("node:http");
const ms = require("ms");
const { greet } = require("@ws/greet");

const port = Number(process.env.PORT || 4100);
http.createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ hello: greet("e2e"), from: "bun-workspace", day: ms(86400000, { long: true }) }));
}).listen(port, "0.0.0.0", () => console.log(`listening on ${port}`));
