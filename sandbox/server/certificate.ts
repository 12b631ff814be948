import { mkdir, readFile, writeFile } from "node:fs/promises";
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { generate } from "selfsigned";

/** The TLS certificate and key of the sandbox's https side. */
export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Loads the sandbox certificate from dataDir, or creates it on first start. Reusing it across restarts
 * matters: the app (and any browser that accepted it) trusts this exact certificate.
 */
export async function loadOrCreateCertificate(dataDir: string): Promise<TlsMaterial> {
  await mkdir(dataDir, { recursive: true });
  const certPath = join(dataDir, "tls-cert.pem");
  const keyPath = join(dataDir, "tls-key.pem");
  const existing = await readExisting(certPath, keyPath);
  if (existing) return existing;

  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 825 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { certPem: pems.cert, keyPem: pems.private };
}

async function readExisting(certPath: string, keyPath: string): Promise<TlsMaterial | null> {
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certPath, "utf8"), readFile(keyPath, "utf8")]);
    const expires = new Date(new X509Certificate(certPem).validTo).getTime();
    return expires - Date.now() > RENEW_BEFORE_MS ? { certPem, keyPem } : null;
  } catch {
    return null;
  }
}
