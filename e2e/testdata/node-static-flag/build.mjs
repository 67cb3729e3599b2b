// The site's own build tool: copies src/ to out/ with a build stamp, so
// only the build stage can make what nginx serves.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
cpSync("src", "out", { recursive: true });
const page = readFileSync("out/index.html", "utf8").replace("%STAMP%", "built by build.mjs");
writeFileSync("out/index.html", page);
