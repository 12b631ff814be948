/**
 * `npm run sandbox`: the local Microsoft 365 on its own, for several RosterLink instances to share
 * (each started with SANDBOX_URL=https://localhost:3979). Options:
 *   --port 3979  --host 127.0.0.1  --data-dir data/sandbox
 *   --districts 0 --students 1000 --teachers 50   generated district tenants (deterministic: --seed 2026)
 *   --latency none|microsoft|token=80-250,onBehalfOf=100-300,graph=40-200
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "./index.js";
import { parseLatency } from "./latency.js";

const whole = (name: string, text: string, max: number): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`--${name} must be a whole number from 0 to ${max}, got '${text}'`);
  return value;
};

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "3979" },
      host: { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string", default: "data/sandbox" },
      districts: { type: "string", default: "0" },
      students: { type: "string", default: "1000" },
      teachers: { type: "string", default: "50" },
      seed: { type: "string", default: "2026" },
      latency: { type: "string", default: "none" },
    },
  });
  const districts = whole("districts", values.districts, 255);
  const sandbox = await startSandbox({
    port: whole("port", values.port, 65_535),
    host: values.host,
    dataDir: values["data-dir"],
    // App instances attach with their own base URLs (POST /sandbox/attach), which adds their redirect URIs.
    app: {
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      appIdUri: `api://localhost/${SANDBOX_CLIENT_ID}`,
      manifestPath: fileURLToPath(new URL("../aad.manifest.json", import.meta.url)),
    },
    population: districts > 0
      ? { districts, students: whole("students", values.students, 1_000_000), teachers: whole("teachers", values.teachers, 1_000_000), seed: whole("seed", values.seed, 2 ** 31) }
      : undefined,
    latency: parseLatency(values.latency),
  });
  process.stdout.write(`Sandbox listening: ${sandbox.httpUrl}/ (start page), ${sandbox.httpsUrl} (Entra ID, Graph). Start app instances with SANDBOX_URL=${sandbox.httpsUrl}\n`);
  const stop = () => sandbox.close().then(() => process.exit(0), () => process.exit(1));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
