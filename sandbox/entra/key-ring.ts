import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generate } from "selfsigned";

/** Organizational keys sign work/school tokens; the personal key signs personal-account tokens. */
export type KeyKind = "organizational" | "personal";

interface StoredKey {
  kid: string;
  privateKeyPem: string;
  certPem: string;
}

interface StoredKeyRing {
  /** Newest first; the first one signs. Entra keeps publishing the previous key after a rollover. */
  organizational: StoredKey[];
  personal: StoredKey;
}

/** A signing key ready for use. */
export interface SigningKey {
  kid: string;
  x5t: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  certDer: Buffer;
}

/** One key of a JSON Web Key Set, shaped as Entra publishes it. */
export interface PublishedJwk {
  kty: string;
  use: "sig";
  kid: string;
  x5t: string;
  n: string;
  e: string;
  x5c: string[];
  issuer: string;
}

const PUBLISHED_ORGANIZATIONAL_KEYS = 2;

/** The sandbox's token signing keys, kept in dataDir so tokens survive a sandbox restart. */
export class KeyRing {
  private constructor(
    private readonly path: string,
    private stored: StoredKeyRing,
    private organizational: SigningKey[],
    private readonly personal: SigningKey,
  ) {}

  static async load(dataDir: string): Promise<KeyRing> {
    const path = join(dataDir, "signing-keys.json");
    let stored: StoredKeyRing;
    try {
      stored = JSON.parse(await readFile(path, "utf8")) as StoredKeyRing;
    } catch {
      stored = { organizational: [await createStoredKey()], personal: await createStoredKey() };
      await writeFile(path, JSON.stringify(stored, null, 2), { mode: 0o600 });
    }
    return new KeyRing(path, stored, stored.organizational.map(toSigningKey), toSigningKey(stored.personal));
  }

  /** The key that signs new tokens of that kind. */
  signingKey(kind: KeyKind): SigningKey {
    return kind === "personal" ? this.personal : this.organizational[0]!;
  }

  /** Keys published at the JWKS endpoint of that kind. */
  published(kind: KeyKind): SigningKey[] {
    return kind === "personal" ? [this.personal] : this.organizational;
  }

  /** Any key the sandbox has published, by kid (for verifying assertions and Graph tokens). */
  find(kid: string): { key: SigningKey; kind: KeyKind } | undefined {
    const organizational = this.organizational.find((key) => key.kid === kid);
    if (organizational) return { key: organizational, kind: "organizational" };
    return this.personal.kid === kid ? { key: this.personal, kind: "personal" } : undefined;
  }

  /** Makes a new organizational key the signing key; the previous one stays published until the next rollover. */
  async rotate(): Promise<SigningKey> {
    const fresh = await createStoredKey();
    this.stored = {
      ...this.stored,
      organizational: [fresh, ...this.stored.organizational].slice(0, PUBLISHED_ORGANIZATIONAL_KEYS),
    };
    await writeFile(this.path, JSON.stringify(this.stored, null, 2), { mode: 0o600 });
    this.organizational = this.stored.organizational.map(toSigningKey);
    return this.organizational[0]!;
  }

  jwks(kind: KeyKind, issuer: string): { keys: PublishedJwk[] } {
    return { keys: this.published(kind).map((key) => toJwk(key, issuer)) };
  }
}

async function createStoredKey(): Promise<StoredKey> {
  // Entra publishes each signing key with a self-signed certificate; x5t is that certificate's thumbprint.
  const pems = await generate([{ name: "commonName", value: "accounts.sandbox.rosterlink.example" }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 5 * 365 * 24 * 60 * 60 * 1000),
  });
  const certDer = new X509Certificate(pems.cert).raw;
  return { kid: thumbprint(certDer), privateKeyPem: pems.private, certPem: pems.cert };
}

function toSigningKey(stored: StoredKey): SigningKey {
  const certDer = new X509Certificate(stored.certPem).raw;
  return {
    kid: stored.kid,
    x5t: thumbprint(certDer),
    privateKey: createPrivateKey(stored.privateKeyPem),
    publicKey: createPublicKey(stored.certPem),
    certDer,
  };
}

function thumbprint(certDer: Buffer): string {
  return createHash("sha1").update(certDer).digest("base64url");
}

function toJwk(key: SigningKey, issuer: string): PublishedJwk {
  const jwk = key.publicKey.export({ format: "jwk" });
  return {
    kty: jwk.kty ?? "RSA",
    use: "sig",
    kid: key.kid,
    x5t: key.x5t,
    n: jwk.n ?? "",
    e: jwk.e ?? "",
    x5c: [key.certDer.toString("base64")],
    issuer,
  };
}
