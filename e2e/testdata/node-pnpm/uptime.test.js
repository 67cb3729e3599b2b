"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { describe } = require("./uptime");

test("durations read as words", () => {
  assert.equal(describe(90 * 60 * 1000), "2 hours");
});
