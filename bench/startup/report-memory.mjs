// Preloaded into the measured server by bench/startup/run.ts (`node --import`): on SIGUSR2 it writes
// what the process's memory is made of to the file named by BENCH_MEMORY_FILE, so the bench can say
// what dominates resident memory without a debugger. Bench-only; production never loads it.
import { writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";

const target = process.env.BENCH_MEMORY_FILE;
if (target) {
  process.on("SIGUSR2", () => {
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
    writeFileSync(target, JSON.stringify({ usage: process.memoryUsage(), spaces }));
  });
}
