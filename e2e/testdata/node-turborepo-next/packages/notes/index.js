module.exports = "a package the web app does not use";
