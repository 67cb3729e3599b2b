import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "./app.js";

test("GET / answers", async () => {
  const app = build();
  const res = await app.inject({ method: "GET", url: "/" });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { hello: "e2e", from: "fastify" });
});
