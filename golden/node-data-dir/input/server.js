// Keeps two "databases" (append-only files, as SQLite would keep its
// file and journal): one at an absolute path with an environment
// override, one relative to the working directory. Neither folder is in
// the repository; as the image's non-root user, writing them works only
// if the image made the folders for that user.
const http = require("node:http");
const fs = require("node:fs");

const todos = process.env.TODOS_DB || "/var/lib/todos/todos.db";
const visits = "./data/visits.db";

fs.appendFileSync(todos, "opened\n");
const server = http.createServer((req, res) => {
  fs.appendFileSync(visits, "visit\n");
  const count = fs.readFileSync(visits, "utf8").split("\n").filter(Boolean).length;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ hello: "e2e", todos: "written", visits: count }));
});
const port = Number(process.env.PORT || 3000);
server.listen(port, "0.0.0.0", () => console.log(`listening on ${port}`));
