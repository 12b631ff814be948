import { z } from "zod/v4";
import { endpoint } from "./endpoint.js";

/** What the tab needs to know before it signs anyone in: public values only, no secrets. */
export const clientConfigResponse = z.object({
  mode: z.enum(["sandbox", "production"]),
  clientId: z.string(),
  /** The authority host as a browser reaches it, e.g. https://login.microsoftonline.com. */
  authority: z.string(),
  /** Delegated scopes the tab asks for outside Teams (the app's own `access_as_user`). */
  scopes: z.array(z.string()),
  /** Sandbox mode only: the origin of the sandbox's Teams host page, trusted by teams-js. */
  sandboxHostOrigin: z.string().nullable(),
  /** Sandbox mode only: the same sandbox over https (teams-js opens only https pop-up URLs). */
  sandboxHttpsOrigin: z.string().nullable(),
});
export type ClientConfig = z.infer<typeof clientConfigResponse>;

/** Outside Teams: the tab hands the authorization code and its PKCE verifier to the API to redeem. */
export const webSignInBody = z.object({
  code: z.string().min(1).max(4096),
  codeVerifier: z.string().min(43).max(128),
});
export type WebSignInBody = z.infer<typeof webSignInBody>;

export const webSignInResponse = z.object({
  accessToken: z.string(),
  /** Epoch milliseconds. */
  expiresAt: z.number().int(),
});
export type WebSignInResponse = z.infer<typeof webSignInResponse>;

/** Public: read before anyone signs in, and the web sign-in's code redemption. */
export const clientConfigEndpoints = {
  get: endpoint({ method: "get", path: "/api/client-config", response: clientConfigResponse }),
  redeemSignInCode: endpoint({ method: "post", path: "/api/auth/token", body: webSignInBody, response: webSignInResponse }),
};
