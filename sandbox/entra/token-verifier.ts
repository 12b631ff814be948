import { errors, jwtVerify, type JWTPayload } from "jose";
import type { KeyKind, KeyRing } from "./key-ring.js";

/** Why a token presented to the sandbox (an OBO assertion, a Graph bearer token) was refused. */
export type TokenProblem = "malformed" | "bad_signature" | "expired" | "not_yet_valid";

export class SandboxTokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(problem);
  }
}

/** Verifies a token signed by one of the sandbox's published keys; audience checks are the caller's. */
export async function verifySandboxToken(
  keys: KeyRing,
  token: string,
): Promise<{ payload: JWTPayload; keyKind: KeyKind }> {
  let keyKind: KeyKind = "organizational";
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const found = header.kid ? keys.find(header.kid) : undefined;
        if (!found) throw new SandboxTokenError("bad_signature");
        keyKind = found.kind;
        return found.key.publicKey;
      },
      { algorithms: ["RS256"], clockTolerance: 300 },
    );
    return { payload, keyKind };
  } catch (error) {
    if (error instanceof SandboxTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new SandboxTokenError("expired");
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === "nbf") {
      throw new SandboxTokenError("not_yet_valid");
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new SandboxTokenError("bad_signature");
    throw new SandboxTokenError("malformed");
  }
}
