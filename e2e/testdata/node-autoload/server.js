// Loads every module of routes/ by reading the folder, as autoload
// plugins do: no import names them, so only a runtime that has the whole
// source can start. public/bundle.js exists only after the build.
import express from "express";
import { readdirSync, readFileSync } from "node:fs";

const app = express();
const names = [];
for (const file of readdirSync(new URL("./routes/", import.meta.url)).sort()) {
  const mod = await import(`./routes/${file}`);
  mod.default(app);
  names.push(file);
}
const bundle = readFileSync(new URL("./public/bundle.js", import.meta.url), "utf8").trim();
app.get("/", (req, res) => res.json({ hello: "e2e", routes: names, bundle }));
const port = Number(process.env.PORT || 3000);
app.listen(port, "0.0.0.0", () => console.log(`listening on ${port}`));
