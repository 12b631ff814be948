import { Writable } from "node:stream";

/** Collects the app's log lines so tests can assert what was (and was not) logged. */
export function captureLogs(): { stream: Writable; lines: () => string[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  const lines = () => chunks.join("").split("\n").filter(Boolean);
  return { stream, lines, text: () => chunks.join("") };
}
