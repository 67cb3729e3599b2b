import { test } from "node:test";
import assert from "node:assert/strict";
import { greeting } from "./greet";

test("greeting names its app", () => {
  assert.deepEqual(greeting("e2e"), { hello: "e2e", from: "ts-express" });
});
