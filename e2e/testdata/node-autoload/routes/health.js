export default (app) => app.get("/health", (req, res) => res.send("ok"));
