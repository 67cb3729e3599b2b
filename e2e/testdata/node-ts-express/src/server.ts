import express from "express";
import { greeting } from "./greet";

const app = express();
const port = Number(process.env.PORT) || 3000;

app.get("/", (_req, res) => {
  res.json(greeting("e2e"));
});

app.listen(port, () => {
  console.log(`listening on ${port}`);
});
