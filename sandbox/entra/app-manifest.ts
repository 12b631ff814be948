import { readFileSync } from "node:fs";

/** A redirect URI and the platform it is registered under (Entra's `replyUrlsWithType`). */
export interface ReplyUrl {
  url: string;
  type: "Web" | "Spa" | "InstalledClient";
}

const PLATFORMS = new Set<ReplyUrl["type"]>(["Web", "Spa", "InstalledClient"]);

/**
 * Reads the redirect URIs and their platforms from the same `aad.manifest.json` that provisioning
 * (`aadApp/update`) writes to Entra, so a wrong manifest fails against the sandbox as it would in a
 * real tenant. `${{NAME}}` placeholders are filled from `values` (the sandbox's own URLs); one the
 * sandbox has no value for is an error rather than a silently broken URI.
 */
export function readReplyUrls(manifestPath: string, values: Record<string, string>): ReplyUrl[] {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { replyUrlsWithType?: Array<{ url?: unknown; type?: unknown }> };
  return (manifest.replyUrlsWithType ?? []).map((entry, index) => {
    if (typeof entry.url !== "string" || !PLATFORMS.has(entry.type as ReplyUrl["type"])) {
      throw new Error(`${manifestPath}: replyUrlsWithType[${index}] needs a url and a type of Web, Spa or InstalledClient`);
    }
    return { url: fillPlaceholders(entry.url, values, manifestPath), type: entry.type as ReplyUrl["type"] };
  });
}

function fillPlaceholders(text: string, values: Record<string, string>, manifestPath: string): string {
  return text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${manifestPath}: the sandbox has no value for \${{${name}}}`);
    return value;
  });
}
