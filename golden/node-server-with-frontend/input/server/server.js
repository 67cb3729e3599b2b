// Serves the vite build (dist/) and an API.
import express from "express";
const app = express();
app.use(express.static("dist"));
app.get("/api/health", (req, res) => res.json({ ok: true }));
app.listen(process.env.PORT || 4000);
