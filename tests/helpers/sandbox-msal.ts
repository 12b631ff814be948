import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import { msalSystemOptions } from "../../api/auth/msal-network.js";
import type { RunningSandbox } from "../../sandbox/index.js";
import { testApp } from "./sandbox-server.js";

/**
 * msal-node pointed at the sandbox: `knownAuthorities` names the sandbox host so msal skips instance
 * discovery on login.microsoftonline.com and reads `{authority}/v2.0/.well-known/openid-configuration`;
 * its network client is the app's fetch, which trusts the sandbox certificate (only it).
 */
export function sandboxMsalConfig(sandbox: RunningSandbox, tenant: string): Configuration {
  return {
    auth: {
      clientId: testApp.clientId,
      clientSecret: testApp.clientSecret,
      authority: `${sandbox.httpsUrl}/${tenant}`,
      knownAuthorities: [new URL(sandbox.httpsUrl).host],
    },
    system: msalSystemOptions(sandbox.caCertPem),
  };
}

export function sandboxMsalClient(sandbox: RunningSandbox, tenant: string): ConfidentialClientApplication {
  return new ConfidentialClientApplication(sandboxMsalConfig(sandbox, tenant));
}
