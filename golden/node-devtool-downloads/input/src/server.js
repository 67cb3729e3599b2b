// Renders invoices to PDF with puppeteer (a production dependency: its
// browser download stays); cypress and playwright are test tools only.
const express = require("express");
const app = express();
app.get("/", (req, res) => res.send("ok"));
app.listen(3000);
