// The frontend "build": renders src/index.html into build/, as a bundler
// would.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const page = readFileSync("src/index.html", "utf8").replace("%BUILT%", "built by the frontend stage");
mkdirSync("build", { recursive: true });
writeFileSync("build/index.html", page);
