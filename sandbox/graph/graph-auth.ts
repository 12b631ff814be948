import type { IncomingMessage } from "node:http";
import type { Persona } from "../fixtures/types.js";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../fixtures/well-known.js";
import type { SandboxServices } from "../services.js";
import { SandboxTokenError, verifySandboxToken } from "../entra/token-verifier.js";

/** Who is calling Graph: a persona (delegated token) or an app (client credentials). */
export interface GraphCaller {
  persona: Persona | null;
  tid: string;
  scopes: string[];
}

/** A Graph authentication failure: status, Graph error code and message. */
export class GraphAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Accepts only sandbox-signed, unexpired tokens whose audience is Microsoft Graph. */
export async function authenticateGraphCaller(services: SandboxServices, req: IncomingMessage): Promise<GraphCaller> {
  const header = req.headers.authorization ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (!token) throw new GraphAuthError(401, "InvalidAuthenticationToken", "Access token is empty.");
  let payload;
  try {
    ({ payload } = await verifySandboxToken(services.keys, token));
  } catch (error) {
    if (!(error instanceof SandboxTokenError)) throw error;
    const message =
      error.problem === "expired" || error.problem === "not_yet_valid"
        ? "Lifetime validation failed, the token is expired."
        : error.problem === "bad_signature"
          ? "Access token validation failure. Invalid signature."
          : "IDX14100: JWT is not well formed.";
    throw new GraphAuthError(401, "InvalidAuthenticationToken", message);
  }
  if (payload.aud !== GRAPH_RESOURCE && payload.aud !== GRAPH_APP_ID) {
    throw new GraphAuthError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
  }
  const tid = String(payload.tid ?? "");
  if (payload.idtyp === "app") return { persona: null, tid, scopes: [] };
  const persona = services.directory.byObjectId(tid, String(payload.oid ?? ""));
  if (!persona) throw new GraphAuthError(404, "Request_ResourceNotFound", `Resource '${String(payload.oid)}' does not exist or one of its queried reference-property objects are not present.`);
  const scp = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  return { persona, tid, scopes: scp };
}
