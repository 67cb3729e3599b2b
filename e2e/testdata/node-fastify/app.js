import Fastify from "fastify";

// build returns the app, so tests can inject requests without a socket.
export function build() {
  const app = Fastify();
  app.get("/", async () => ({ hello: "e2e", from: "fastify" }));
  return app;
}
