/**
 * `npx tsx bench/session/breakdown.ts`: where a returning member's sign-in spends its time. Measures, in one
 * process, a bare restify route, the app's HTTP pipeline (create-server + mount-routes) with no database,
 * the same pipeline plus one `SELECT 1` through Sequelize, and POST /api/session — 50 connections each.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import restify from "restify";
import { startRosterLink } from "../../main.js";
import { createServer } from "../../api/http/create-server.js";
import { mountRoutes } from "../../api/http/mount-routes.js";
import { defineRoute } from "../../api/http/route.js";
import { createLogger } from "../../api/log.js";
import { requestTrusting } from "../../tests/helpers/sandbox-https.js";
const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-breakdown-"));
const app = await startRosterLink({ env: { LOG_LEVEL: "warn" }, override: { port: 0, host: "127.0.0.1", sandboxPort: 0, dataDir, database: { dialect: "sqlite", path: join(dataDir, "b.sqlite") } } });
const sb = app.sandbox!;
const token = (await requestTrusting(sb.caCertPem, `${sb.httpsUrl}/sandbox/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ upn: "office@contoso.example" }) })).json<{ access_token: string }>().access_token;
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const body = await (await fetch(`${app.url}/api/session`, { method: "POST", headers })).json();
const bare = restify.createServer(); bare.post("/bare", async (_q, r) => { r.send(200, body); });
await new Promise<void>((ok) => bare.listen(0, "127.0.0.1", ok));
const log = createLogger("warn");
const piped = createServer(log);
mountRoutes(piped, [defineRoute({ method: "post", path: "/piped", summary: "", auth: "none", handler: async () => ({ body }) })], { log, authenticate: async () => { throw new Error(); }, authorizeOrgAdmin: async () => { throw new Error(); }, trustProxy: false });
await new Promise<void>((ok) => piped.listen(0, "127.0.0.1", ok));
const dbOnly = createServer(log);
mountRoutes(dbOnly, [defineRoute({ method: "post", path: "/db", summary: "", auth: "none", handler: async () => { await app.store.sequelize.query("SELECT 1"); return { body }; } })], { log, authenticate: async () => { throw new Error(); }, authorizeOrgAdmin: async () => { throw new Error(); }, trustProxy: false });
await new Promise<void>((ok) => dbOnly.listen(0, "127.0.0.1", ok));
const port = (s: { address(): unknown }) => (s.address() as AddressInfo).port;
for (let round = 1; round <= 2; round++)
for (const [name, url] of [["bare restify", `http://127.0.0.1:${port(bare)}/bare`], ["app pipeline, no db", `http://127.0.0.1:${port(piped)}/piped`], ["app pipeline + SELECT 1", `http://127.0.0.1:${port(dbOnly)}/db`], ["POST /api/session", `${app.url}/api/session`]] as const) {
  const r = await autocannon({ url, method: "POST", headers, connections: 50, duration: 3 });
  process.stdout.write(`round ${round}  ${name.padEnd(26)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}\n`);
}
for (const server of [bare, piped, dbOnly]) server.close();
await app.close();
rmSync(dataDir, { recursive: true, force: true });
