/**
 * Sandbox mode's wiring, kept out of the composition root: start (or join) the local stand-in for Microsoft 365,
 * point the app's Microsoft settings and the bot's authentication at it, and seed the fixtures' organizations.
 * Production never loads any of this beyond the import (docs/spec.md §11).
 */
import { join } from "node:path";
import type { Config, MicrosoftSettings } from "../api/config.js";
import type { SeedData } from "../api/domain/seed.js";
import type { BotAuthentication } from "../bot/index.js";
import { startSandbox, type Persona, type RunningSandbox, type SandboxTenant } from "../sandbox/index.js";
import { connectToSandbox } from "../sandbox/remote.js";
import {
  SANDBOX_BOT_ID,
  SANDBOX_BOT_SECRET,
  SANDBOX_BOT_TENANT_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
} from "../sandbox/fixtures/index.js";

export interface SandboxWiring {
  sandbox: RunningSandbox;
  microsoft: MicrosoftSettings;
}

/**
 * The sandbox this instance uses: one handed in (tests running two instances), one already running on its own
 * (SANDBOX_URL, `npm run sandbox`, shared by several instances), or a new one in this process.
 */
export async function wireSandbox(input: { config: Readonly<Config>; publicUrl: string; manifestPath: string; running?: RunningSandbox }): Promise<SandboxWiring> {
  const { config, publicUrl } = input;
  const appIdUri = `api://localhost/${SANDBOX_CLIENT_ID}`;
  let sandbox = input.running;
  if (!sandbox && config.sandbox?.url) sandbox = await connectToSandbox(config.sandbox.url, publicUrl);
  sandbox ??= await startSandbox({
    port: config.sandbox!.port,
    host: config.host,
    dataDir: join(config.dataDir, "sandbox"),
    // The same registration provisioning writes to Entra: a wrong platform fails here too.
    app: { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, appIdUri, manifestPath: input.manifestPath },
    appBaseUrl: publicUrl,
  });
  return {
    sandbox,
    microsoft: {
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      authorityHost: sandbox.httpsUrl,
      browserAuthorityHost: sandbox.httpUrl,
      appIdUri,
      graphBaseUrl: sandbox.httpsUrl,
      botId: SANDBOX_BOT_ID,
      botPassword: SANDBOX_BOT_SECRET,
      botTenantId: SANDBOX_BOT_TENANT_ID,
      botType: "SingleTenant",
    },
  };
}

/** In sandbox mode the bot trusts only the sandbox's connector, with the sandbox's own CA. */
export function sandboxBotAuthentication(sandbox: RunningSandbox, microsoft: MicrosoftSettings): BotAuthentication {
  return {
    kind: "sandbox",
    botId: microsoft.botId,
    botPassword: microsoft.botPassword,
    botTenantId: microsoft.botTenantId,
    authorityHost: microsoft.authorityHost,
    trustedCaPem: sandbox.caCertPem,
    openIdMetadataUrl: sandbox.connector.openIdMetadataUrl,
    tokenIssuer: sandbox.connector.tokenIssuer,
    oauthScope: sandbox.connector.oauthScope,
  };
}

/** The sandbox's fixtures, as the app's store should know them on first start (docs/spec.md §11). */
export function sandboxSeedData(tenants: SandboxTenant[], personas: Persona[]): SeedData {
  const organizations: SeedData["organizations"] = tenants
    .filter((t) => t.organization)
    .map((t) => {
      const org = t.organization!;
      const scopes = org.rosterData ? ["User.Read", "EduRoster.ReadBasic"] : ["User.Read"];
      return {
        key: t.tid,
        name: org.name,
        kind: org.kind,
        plan: org.plan,
        tenant:
          org.link === "none"
            ? undefined
            : {
                tid: t.tid,
                domain: t.domains[0]!,
                status: org.link,
                rosterRequested: org.rosterData,
                rosterAccess: org.link === "active" && org.rosterData,
                grantedScopes: org.link === "active" ? scopes : [],
              },
      };
    });
  const byUpn = new Map(personas.map((p) => [p.upn, p]));
  const accounts: SeedData["accounts"] = personas
    .filter((p) => p.rosterlink.existingAccount)
    .map((p) => {
      const tenant = tenants.find((t) => t.tid === p.tid);
      const elearning = tenant?.organization?.kind === "elearning";
      const student = p.rosterlink.studentOf !== null || p.graph.educationRole === "student";
      const studentOf = p.rosterlink.studentOf ? byUpn.get(p.rosterlink.studentOf) : undefined;
      return {
        tid: p.tid,
        oid: p.oid,
        displayName: p.displayName,
        email: p.email,
        accountType: elearning ? (student ? "learner" : "creator") : student ? "student" : "teacher",
        organizationKey: p.rosterlink.orgAdmin && tenant?.organization ? tenant.tid : undefined,
        isAdmin: p.rosterlink.orgAdmin,
        teacherSubscription: p.rosterlink.teacherSubscription,
        studentOf: studentOf ? { tid: studentOf.tid, oid: studentOf.oid } : undefined,
      };
    });
  return { organizations, accounts };
}

