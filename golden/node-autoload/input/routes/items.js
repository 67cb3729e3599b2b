export default (app) => app.get("/items", (req, res) => res.json([1, 2, 3]));
