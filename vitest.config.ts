import { defineConfig } from "vitest/config";

// Tests talk to real servers on port 0, a real database and the sandbox over HTTPS,
// so they get generous timeouts and run file-parallel on the machine's two cores.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    // restify loads spdy, which touches a deprecated Node binding on import: known, harmless, and noise.
    execArgv: ["--disable-warning=DEP0111"],
    reporters: ["default"],
  },
});
