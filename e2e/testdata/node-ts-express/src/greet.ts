export function greeting(name: string): { hello: string; from: string } {
  return { hello: name, from: "ts-express" };
}
