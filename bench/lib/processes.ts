import { spawn, type ChildProcess } from "node:child_process";

export interface Started {
  child: ChildProcess;
  /** The first capture of `ready` in the process's output. */
  match: string;
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript entry point (through tsx) in its own process and waits until its output matches
 * `ready`, e.g. the line where it prints its URL. Output after that is dropped, errors are kept for the message.
 */
export function startProcess(entry: string, args: string[], options: { env?: Record<string, string>; ready: RegExp; timeoutMs?: number }): Promise<Started> {
  // BENCH_CPU_PROF=<dir>: every process the bench starts writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "--disable-warning=DEP0111", entry, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${entry} did not start in time: ${output.slice(-800)}`));
    }, options.timeoutMs ?? 90_000);
    const onExit = (code: number | null) => reject(new Error(`${entry} exited (${code}): ${output.slice(-800)}`));
    const read = (chunk: Buffer) => {
      if (output.length < 20_000) output += chunk.toString();
      const found = options.ready.exec(output);
      if (!found) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve({
        child,
        match: found[1] ?? found[0],
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", onExit);
  });
}
