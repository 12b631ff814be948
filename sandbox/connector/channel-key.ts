import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";

/** Bot Framework's issuer for tokens the channel sends to bots. */
export const CHANNEL_TOKEN_ISSUER = "https://api.botframework.com";

/**
 * The Bot Connector's own signing key, separate from the Entra keys: the bot must trust it only
 * through its channel OpenID metadata, exactly as it trusts Microsoft's. A new key per start; the
 * metadata URL carries the key id, so a bot that cached an older sandbox's metadata fetches anew.
 */
export class ChannelKey {
  readonly kid = randomBytes(12).toString("base64url");
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  /** What the channel puts in `Authorization` when it POSTs an activity to the bot. */
  async sign(claims: { audience: string; serviceUrl: string }, key: KeyObject = this.privateKey): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: claims.serviceUrl })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.kid })
      .setIssuer(CHANNEL_TOKEN_ISSUER)
      .setAudience(claims.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(key);
  }

  /** A token signed by a key nobody published (for tests of the bot's 401). */
  async signWithStrangerKey(claims: { audience: string; serviceUrl: string }): Promise<string> {
    return this.sign(claims, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey);
  }

  /** Published like Bot Framework's keys, with the channels each key is endorsed for. */
  jwks(): { keys: Array<Record<string, unknown>> } {
    const jwk = this.publicKey.export({ format: "jwk" });
    return { keys: [{ kty: "RSA", use: "sig", kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] };
  }
}
