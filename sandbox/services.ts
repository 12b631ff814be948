import type { ConsentStore } from "./entra/consent-store.js";
import type { KeyRing } from "./entra/key-ring.js";
import type { TokenMinter } from "./entra/token-minter.js";
import type { Directory } from "./directory.js";
import type { Latency } from "./latency.js";
import type { IdentityFaults } from "./entra/identity-faults.js";
import type { ReplyUrl } from "./entra/app-manifest.js";

/** The RosterLink app registration the sandbox knows. */
export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  /** Every registered redirect URI, whatever its platform. */
  redirectUris: string[];
  /** The same URIs with their platform: a code issued to a `Spa` URI redeems only cross-origin. */
  replyUrls: ReplyUrl[];
  /** e.g. `api://localhost:3978/{clientId}`; accepted as an audience next to the client id. */
  appIdUri: string;
}

/** The bot's registration with Azure Bot Service (msaAppId, msaAppType, msaAppTenantId) and its secret. */
export interface BotRegistration {
  appId: string;
  secret: string;
  type: "SingleTenant" | "UserAssignedMSI";
  tenantId: string;
}

/** Everything the sandbox's route modules share; built once per running sandbox. */
export interface SandboxServices {
  /** The authority host and Graph base, e.g. https://localhost:3979 */
  httpsUrl: string;
  /** The same port over plain HTTP, for browser-facing pages. */
  httpUrl: string;
  appBaseUrl: string | undefined;
  app: AppRegistration;
  /** Replaced through `PUT /sandbox/bot-registration`, as a redeployed Azure Bot resource would be. */
  bot: BotRegistration;
  directory: Directory;
  keys: KeyRing;
  consent: ConsentStore;
  minter: TokenMinter;
  /** Injected before token, on-behalf-of and Graph answers (off by default). */
  latency: Latency;
  /** Sandbox-only switches on Entra: keys endpoints down, Conditional Access on on-behalf-of (off by default). */
  identityFaults: IdentityFaults;
}

/** The v2 issuer of a tenant: `{httpsUrl}/{tid}/v2.0`. */
export function issuerOf(httpsUrl: string, tid: string): string {
  return `${httpsUrl}/${tid}/v2.0`;
}
