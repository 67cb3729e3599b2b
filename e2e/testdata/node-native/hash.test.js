"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { check } = require("./hash");

test("bcrypt hashes and verifies through the addon", () => {
  assert.equal(check("secret"), true);
});
