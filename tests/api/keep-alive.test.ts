import { Agent, request } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** GET /api/health over the agent; answers the status and the socket it went over. */
function get(url: string, agent: Agent): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/health`, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, socket: req.socket! }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("idle keep-alive connections", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  // Node's default closes an idle connection after 5 s, racing a client (or a proxy) that reuses it: that
  // request fails with ECONNRESET. The server keeps idle connections longer than the proxies in front of it.
  it("stay open past Node's 5-second default, so a client reusing one is answered", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(t.url, agent);
      let closed = false;
      first.socket.once("close", () => (closed = true));
      await sleep(6_000);
      const second = await get(t.url, agent);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(closed).toBe(false);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
