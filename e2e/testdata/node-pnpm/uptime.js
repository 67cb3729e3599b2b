"use strict";
const ms = require("ms");

// describe spells a duration through the ms dependency.
function describe(millis) {
  return ms(millis, { long: true });
}

module.exports = { describe };
