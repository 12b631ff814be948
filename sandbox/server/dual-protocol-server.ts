import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { TlsMaterial } from "./certificate.js";

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse, secure: boolean) => void;

/** One port that speaks both plain HTTP (for browsers) and HTTPS (msal-node accepts only https authorities). */
export interface DualProtocolServer {
  port: number;
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;

/**
 * Listens on one TCP port and peeks at the first byte of each connection: a TLS handshake goes to an
 * https server, anything else to an http server. Both share one request handler.
 */
export async function listenDualProtocol(
  options: { port: number; host: string; tls: TlsMaterial },
  handle: RequestHandler,
): Promise<DualProtocolServer> {
  const plain = http.createServer((req, res) => handle(req, res, false));
  const secure = https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) =>
    handle(req, res, true),
  );
  const sockets = new Set<net.Socket>();

  const onConnection = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (firstChunk: Buffer) => {
      socket.pause();
      socket.unshift(firstChunk);
      const target = firstChunk[0] === TLS_HANDSHAKE ? secure : plain;
      target.emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  };

  const listeners = [net.createServer(onConnection)];
  const port = await listen(listeners[0]!, options.port, options.host);
  // "localhost" may resolve to ::1 on some machines; when bound to the IPv4 loopback, also take the
  // same port on the IPv6 loopback if the machine has one, so https://localhost:PORT always answers.
  if (options.host === "127.0.0.1" || options.host === "localhost") {
    const ipv6 = net.createServer(onConnection);
    await listen(ipv6, port, "::1").then(
      () => listeners.push(ipv6),
      () => undefined,
    );
  }

  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(listeners.map((listener) => new Promise<void>((resolve) => listener.close(() => resolve()))));
    },
  };
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
