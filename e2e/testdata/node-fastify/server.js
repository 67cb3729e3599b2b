import { build } from "./app.js";

const port = Number(process.env.PORT) || 3000;
const app = build();

app.listen({ port, host: "0.0.0.0" }).then(() => console.log(`listening on ${port}`));
