/**
 * The burst's load generator, in its own process: mints an SSO token for every person first (setup,
 * not timed), then sends each one's first `POST /api/session` with a fixed number in flight, spread
 * over the app instances in turn. Prints one JSON line: duration, statuses, latencies (ms, sorted).
 * Input (argv[2]): a JSON file { sandboxUrl, caCertPem, appUrls, upns, concurrency }.
 */
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { Agent as HttpAgent, request as httpRequest } from "node:http";

interface Input { sandboxUrl: string; caCertPem: string; appUrls: string[]; upns: string[]; concurrency: number }
const input = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Input;
// The sandbox closes each connection after its answer, so keep-alive would race its close.
const tls = new Agent({ ca: input.caCertPem, keepAlive: false, maxSockets: 16 });
const http = new HttpAgent({ keepAlive: true, maxSockets: input.concurrency });

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? request : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent: target.protocol === "https:" ? tls : http }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function pool<T>(items: T[], inFlight: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  }));
}

const tokens: string[] = new Array(input.upns.length);
await pool(input.upns, 16, async (upn, i) => {
  let answer: { status: number; text: string } | undefined;
  for (let attempt = 1; !answer; attempt++) {
    answer = await post(`${input.sandboxUrl}/sandbox/token`, { "content-type": "application/json" }, JSON.stringify({ upn })).catch((error: unknown) => {
      if (attempt >= 3) throw error;
      return undefined;
    });
  }
  if (answer.status !== 200) throw new Error(`token for ${upn}: ${answer.status} ${answer.text}`);
  tokens[i] = (JSON.parse(answer.text) as { access_token: string }).access_token;
});

const statuses: Record<string, number> = {};
let firstFailure: string | undefined;
const latencies: number[] = [];
// The runner snapshots the other processes' CPU when it reads this line: the timed phase starts now.
process.stderr.write("TIMED\n");
const cpuAtStart = process.cpuUsage();
const started = performance.now();
await pool(tokens, input.concurrency, async (token, i) => {
  const at = performance.now();
  let status = "error";
  try {
    const answer = await post(`${input.appUrls[i % input.appUrls.length]}/api/session`, { authorization: `Bearer ${token}`, "content-type": "application/json" }, "");
    status = String(answer.status);
    if (answer.status !== 200 && !firstFailure) firstFailure = `${answer.status} ${answer.text.slice(0, 300)}`;
  } catch (error) {
    if (!firstFailure) firstFailure = String(error);
  } finally {
    latencies.push(performance.now() - at);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e5) / 10;
latencies.sort((a, b) => a - b);
if (firstFailure) process.stderr.write(`first failure: ${firstFailure}\n`);
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, statuses, latencies: latencies.map((l) => Math.round(l)) })}\n`);
tls.destroy();
http.destroy();
