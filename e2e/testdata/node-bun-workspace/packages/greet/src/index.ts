export function greet(name: string): string {
  return `greetings, ${name}`;
}
