import { z } from "zod";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";

const TokenRequest = z.object({
  upn: z.string().min(1),
  scopes: z.union([z.array(z.string()), z.string()]).optional(),
  audience: z.string().min(1).optional(),
  claims: z.record(z.unknown()).optional(),
  signWith: z.enum(["organizational", "personal"]).optional(),
  /** A token whose header names no key (`kid` missing), signed with the real key all the same. */
  omitKid: z.boolean().optional(),
});

/**
 * Sandbox-only: `POST /sandbox/token` mints an access token for a persona, as Teams SSO would hand it to
 * the tab (aud = the app's client id, scp = access_as_user, azp = the Teams client), for scripts and tests.
 */
export function sandboxTokenRoutes(services: SandboxServices): SandboxRoute[] {
  return [
    {
      method: "POST",
      path: "/sandbox/token",
      async handle({ req, res }) {
        const parsed = TokenRequest.safeParse(await readJson(req));
        if (!parsed.success) {
          return sendJson(res, 400, { error: "invalid_request", error_description: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
        }
        const { upn, scopes, audience, claims, signWith, omitKid } = parsed.data;
        const persona = services.directory.byUpn(upn);
        if (!persona) return sendJson(res, 404, { error: "unknown_persona", error_description: `No sandbox persona '${upn}'.` });
        const accessToken = await services.minter.accessToken({
          persona,
          audience: audience ?? services.app.clientId,
          scopes: typeof scopes === "string" ? scopes.split(" ").filter(Boolean) : (scopes ?? ["access_as_user"]),
          ...(claims ? { claims } : {}),
          ...(signWith ? { signWith } : {}),
          ...(omitKid ? { omitKid } : {}),
        });
        sendJson(res, 200, { token_type: "Bearer", expires_in: 3600, access_token: accessToken });
      },
    },
    {
      method: "POST",
      path: "/sandbox/keys/rotate",
      async handle({ res }) {
        const key = await services.keys.rotate();
        sendJson(res, 200, { kid: key.kid, published: services.keys.published("organizational").map((k) => k.kid) });
      },
    },
  ];
}
