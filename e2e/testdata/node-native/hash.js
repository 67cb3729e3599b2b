"use strict";
const bcrypt = require("bcrypt");

// A hash of "e2e" made at start-up (cost 4): checking it runs the compiled addon.
const known = bcrypt.hashSync("e2e", bcrypt.genSaltSync(4));

// check reports whether the addon hashes and verifies a password.
function check(password) {
  const fresh = bcrypt.hashSync(password, 4);
  return bcrypt.compareSync(password, fresh) && bcrypt.compareSync("e2e", known);
}

module.exports = { check };
