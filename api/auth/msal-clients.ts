import { ConfidentialClientApplication } from "@azure/msal-node";
import type { MicrosoftSettings } from "../config.js";
import { msalSystemOptions } from "./msal-network.js";

/**
 * RosterLink's confidential msal clients, one per authority segment (a tenant id, or `organizations`):
 * msal caches an authority's metadata per instance, so a client is made once per segment and kept.
 * The authority host is known to msal, so it never asks Microsoft's instance discovery about it (the
 * sandbox's host would fail it).
 */
export function msalClients(microsoft: MicrosoftSettings, trustedCaPem: string | undefined): (segment: string) => ConfidentialClientApplication {
  const clients = new Map<string, ConfidentialClientApplication>();
  return (segment) => {
    let client = clients.get(segment);
    if (!client) {
      client = new ConfidentialClientApplication({
        auth: {
          clientId: microsoft.clientId,
          clientSecret: microsoft.clientSecret,
          authority: `${microsoft.authorityHost}/${segment}`,
          knownAuthorities: [new URL(microsoft.authorityHost).host],
        },
        system: msalSystemOptions(trustedCaPem),
      });
      clients.set(segment, client);
    }
    return client;
  };
}
