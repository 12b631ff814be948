import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { placeholderNames } from "../../scripts/package-app.js";
import { readEnvTemplate, ROOT } from "./filled-env.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The toolkit's project file for an environment: teamsapp.local.yml for "local", else teamsapp.yml. */
const projectFile = (envName: string) => (envName === "local" ? "teamsapp.local.yml" : "teamsapp.yml");

/** Files whose ${{VAR}} placeholders the toolkit (or npm run package) fills from env/<envName>. */
const templates = (envName: string) => [
  "appPackage/manifest.json",
  "aad.manifest.json",
  projectFile(envName),
  ...(envName === "local" ? [] : ["infra/azure.parameters.json"]),
];

/** The variables teamsapp.yml's actions write back: `writeToEnvironmentFile:` blocks. */
function variablesWrittenByActions(yaml: string): string[] {
  const written: string[] = [];
  const lines = yaml.split("\n");
  lines.forEach((line, index) => {
    const block = /^(\s*)writeToEnvironmentFile:\s*$/.exec(line);
    if (!block) return;
    for (const next of lines.slice(index + 1)) {
      const entry = /^(\s*)\w+:\s*([A-Z][A-Z0-9_]*)\s*$/.exec(next);
      if (!entry || entry[1]!.length <= block[1]!.length) break;
      written.push(entry[2]!);
    }
  });
  return written;
}

/** infra/azure.bicep's outputs, which arm/deploy writes to the env file under the same names. */
function bicepOutputs(bicep: string): string[] {
  return [...bicep.matchAll(/^output\s+([A-Z][A-Z0-9_]*)\s/gm)].map((match) => match[1]!);
}

describe.each(["dev", "local"])("the %s environment template", (envName) => {
  const committed = readEnvTemplate(`.env.${envName}`);
  const secrets = readEnvTemplate(`.env.${envName}.user.sample`);
  const defined = new Set([...Object.keys(committed), ...Object.keys(secrets)]);

  it.each(templates(envName))("defines every variable %s uses", (path) => {
    const undefinedNames = placeholderNames(read(path)).filter((name) => !defined.has(name));
    expect(undefinedNames).toEqual([]);
  });

  it("lists every variable that provision, deploy and publish write back", () => {
    const yml = read(projectFile(envName));
    const written = [...variablesWrittenByActions(yml), ...(envName === "local" ? [] : bicepOutputs(read("infra/azure.bicep")))];
    expect(written).toContain("TEAMS_APP_ID");
    expect(written).toContain(envName === "local" ? "BOT_TENANT_ID" : "TAB_ENDPOINT");
    expect(written.filter((name) => !defined.has(name))).toEqual([]);
  });

  it("keeps secrets out of the committed file and leaves them empty in the sample", () => {
    expect(Object.keys(committed).filter((name) => name.startsWith("SECRET_"))).toEqual([]);
    expect(Object.keys(secrets).every((name) => name.startsWith("SECRET_"))).toBe(true);
    expect(Object.values(secrets).every((value) => value === "")).toBe(true);
    expect(Object.keys(secrets)).toEqual(
      expect.arrayContaining(["SECRET_AAD_APP_CLIENT_SECRET", "SECRET_BOT_PASSWORD", "SECRET_POSTGRES_ADMIN_PASSWORD"]),
    );
  });

  it("names the environment it belongs to", () => {
    expect(committed.TEAMSFX_ENV).toBe(envName);
  });
});

describe("secrets on disk", () => {
  it("are git-ignored in env/.env.<name>.user, while the samples are committed", () => {
    const ignored = (path: string) => {
      try {
        execFileSync("git", ["check-ignore", "-q", path], { cwd: ROOT });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored("env/.env.dev.user")).toBe(true);
    expect(ignored("env/.env.local.user")).toBe(true);
    expect(ignored("env/.env.dev.user.sample")).toBe(false);
    expect(ignored("env/.env.dev")).toBe(false);
    // teamsapp.local.yml's deploy writes the local process's settings, secrets included, here.
    expect(ignored(".localConfigs")).toBe(true);
  });

  it("never reach the App Service zip: the deploy ignore file leaves out env/ and node_modules/", () => {
    const ignore = read("infra/.webappignore").split("\n").map((line) => line.trim());
    expect(ignore).toEqual(expect.arrayContaining(["env/", "node_modules/", ".git/"]));
  });
});

describe("the Entra app manifest", () => {
  const aad = JSON.parse(read("aad.manifest.json")) as {
    signInAudience: string;
    accessTokenAcceptedVersion: number;
    identifierUris: string[];
    oauth2Permissions: { id: string; value: string; isEnabled: boolean }[];
    preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
    requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
    replyUrlsWithType: { url: string; type: string }[];
  };
  const teams = JSON.parse(read("appPackage/manifest.json")) as { webApplicationInfo: { resource: string } };

  it("is one multi-tenant app issuing v2 tokens for the api:// URI the Teams manifest names", () => {
    expect(aad.signInAudience).toBe("AzureADMultipleOrgs");
    expect(aad.accessTokenAcceptedVersion).toBe(2);
    expect(aad.identifierUris).toEqual([teams.webApplicationInfo.resource]);
    expect(teams.webApplicationInfo.resource).toBe("api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}");
  });

  it("exposes access_as_user and pre-authorises Teams and the Microsoft 365 clients for it", () => {
    const scope = aad.oauth2Permissions.find((permission) => permission.value === "access_as_user");
    expect(scope).toMatchObject({ isEnabled: true, id: "${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}" });
    const clients = [
      "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Teams desktop and mobile
      "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams web
      "4765445b-32c6-49b0-83e6-1d93765276ca", // Microsoft 365 web
      "0ec893e0-5785-4de6-99da-4ed124e5296c", // Microsoft 365 desktop
      "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft 365 mobile, Outlook desktop
      "bc59ab01-8403-45c6-8796-ac3ef710b3e3", // Outlook web
      "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook mobile
    ];
    expect(aad.preAuthorizedApplications.map((client) => client.appId).sort()).toEqual([...clients].sort());
    for (const client of aad.preAuthorizedApplications) expect(client.permissionIds).toEqual([scope!.id]);
  });

  it("asks Graph for sign-in, User.Read and EduRoster.ReadBasic, delegated", () => {
    expect(aad.requiredResourceAccess).toHaveLength(1);
    const graph = aad.requiredResourceAccess[0]!;
    expect(graph.resourceAppId).toBe("Microsoft Graph");
    expect(graph.resourceAccess.every((access) => access.type === "Scope")).toBe(true);
    expect(graph.resourceAccess.map((access) => access.id)).toEqual(
      expect.arrayContaining(["User.Read", "EduRoster.ReadBasic"]),
    );
  });

  it("accepts exactly the consent callback and the two sign-in pages as redirect URIs", () => {
    expect(aad.replyUrlsWithType).toEqual([
      { url: "${{TAB_ENDPOINT}}/api/consent/callback", type: "Web" },
      { url: "${{TAB_ENDPOINT}}/auth-end.html", type: "Web" },
      // Web, not Spa: the server redeems the code with the client secret (a Spa code needs a browser's Origin).
      { url: "${{TAB_ENDPOINT}}/auth/callback", type: "Web" },
    ]);
  });
});

describe("teamsapp.yml", () => {
  const yaml = read("teamsapp.yml");
  const actions = (stage: string) => {
    const section = new RegExp(`^${stage}:\\n([\\s\\S]*?)(?=^\\w|(?![\\s\\S]))`, "m").exec(yaml)?.[1] ?? "";
    return [...section.matchAll(/^\s*- uses: (\S+)/gm)].map((match) => match[1]!);
  };

  it("provisions the Entra app before the Azure resources and updates it once the host is known", () => {
    expect(actions("provision")).toEqual([
      "teamsApp/create",
      "aadApp/create",
      "botAadApp/create",
      "arm/deploy",
      "aadApp/update",
      "botFramework/create",
      "teamsApp/validateManifest",
      "teamsApp/zipAppPackage",
      "teamsApp/validateAppPackage",
      "teamsApp/update",
    ]);
  });

  it("deploys to App Service and publishes to the Teams admin centre", () => {
    expect(actions("deploy")).toEqual(["cli/runNpmCommand", "cli/runNpmCommand", "azureAppService/zipDeploy"]);
    expect(actions("publish")).toContain("teamsApp/publishAppPackage");
  });

  it("uploads the built output (dist/) and App Service starts it with node on Node 22, never through tsx", () => {
    expect(yaml).toMatch(/args: run build\n/);
    expect(yaml).toMatch(/uses: azureAppService\/zipDeploy\n\s+with:\n\s+artifactFolder: \.\/dist\n/);
    const bicep = read("infra/azure.bicep");
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).toContain("appCommandLine: 'node --disable-warning=DEP0111 main.js'");
    expect(bicep).not.toMatch(/tsx|npm start/);
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain("tsx");
    expect(Object.keys(pkg.devDependencies)).toContain("tsx");
  });

  it("points the bot at /api/messages and writes the same package paths as npm run package", () => {
    expect(yaml).toContain("messagingEndpoint: ${{BOT_ENDPOINT}}/api/messages");
    expect(yaml).toContain("outputZipPath: ./appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip");
    expect(yaml).toMatch(/^version: v1\.\d+$/m);
  });
});

describe("teamsapp.local.yml", () => {
  const yaml = read("teamsapp.local.yml");
  const stage = (name: string) => new RegExp(`^${name}:\\n([\\s\\S]*?)(?=^\\w|(?![\\s\\S]))`, "m").exec(yaml)?.[1] ?? "";
  const actions = (name: string) => [...stage(name).matchAll(/^\s*- uses: (\S+)/gm)].map((match) => match[1]!);

  it("registers everything for the tunnel without touching Azure, the bot single-tenant with a service principal", () => {
    expect(actions("provision")).toEqual([
      "teamsApp/create",
      "aadApp/create",
      "aadApp/create",
      "aadApp/update",
      "botFramework/create",
      "teamsApp/validateManifest",
      "teamsApp/zipAppPackage",
      "teamsApp/validateAppPackage",
      "teamsApp/update",
    ]);
    expect(yaml).not.toMatch(/arm\/deploy|azureAppService|AZURE_/);
    const bot = /- uses: aadApp\/create\n((?:\s{4}.*\n)+)/g;
    const registrations = [...yaml.matchAll(bot)].map((match) => match[1]!);
    const botRegistration = registrations.find((block) => /clientId: BOT_ID/.test(block))!;
    expect(botRegistration).toMatch(/signInAudience: AzureADMyOrg/);
    expect(botRegistration).toMatch(/generateServicePrincipal: true/);
    expect(botRegistration).toMatch(/tenantId: BOT_TENANT_ID/);
    expect(yaml).toContain("messagingEndpoint: ${{BOT_ENDPOINT}}/api/messages");
  });

  it("hands the process every setting production requires, in the git-ignored file npm run start:local reads", () => {
    expect(actions("deploy")).toEqual(["cli/runNpmCommand", "cli/runNpmCommand", "file/createOrUpdateEnvironmentFile"]);
    expect(stage("deploy")).toContain("target: ./.localConfigs");
    for (const name of ["AAD_APP_CLIENT_ID", "SECRET_AAD_APP_CLIENT_SECRET", "BOT_ID", "SECRET_BOT_PASSWORD", "TAB_DOMAIN", "TAB_ENDPOINT"]) {
      expect(stage("deploy")).toContain(`${name}: \${{${name}}}`);
    }
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts["start:local"]).toContain("--env-file=.localConfigs");
    expect(pkg.scripts["start:local"]).toContain("dist/main.js");
  });
});
