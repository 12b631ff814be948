import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ServerResponse } from "node:http";
import { sendHtml } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { PersonaLinkBuilder } from "../start-page/start-page.js";
import { renderHostPage, renderPersonaChooser, type HostTab, type HostTheme } from "./host-page.js";

const here = new URL(".", import.meta.url);
const read = (url: URL) => readFileSync(url, "utf8");
// The chat pane renders the bot's cards with Microsoft's own renderer, served from node_modules (no CDN).
const adaptiveCardsPath = createRequire(import.meta.url).resolve("adaptivecards/dist/adaptivecards.min.js");

const THEMES: HostTheme[] = ["default", "dark", "contrast"];

function sendAsset(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-cache", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** The Teams host's page (`/teams?upn=…&tab=home|admin&theme=…`), its script, styles and the card renderer. */
export function teamsHostRoutes(services: SandboxServices): SandboxRoute[] {
  const script = read(new URL("host-script.js", here));
  const chat = read(new URL("chat-pane.js", here));
  const styles = read(new URL("host.css", here));
  const adaptiveCards = readFileSync(adaptiveCardsPath, "utf8");
  return [
    {
      method: "GET",
      path: "/teams",
      handle({ res, url }) {
        const persona = services.directory.byUpn(url.searchParams.get("upn") ?? "");
        if (!persona || !services.appBaseUrl) {
          return sendHtml(res, persona ? 503 : 200, renderPersonaChooser(services));
        }
        const tab: HostTab = url.searchParams.get("tab") === "admin" ? "admin" : "home";
        const requested = url.searchParams.get("theme") as HostTheme | null;
        const theme = requested && THEMES.includes(requested) ? requested : "default";
        const page = renderHostPage({ services, persona, tab, theme });
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          // Scripts from this origin only; the one frame allowed is the app's tab.
          "content-security-policy": [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            `frame-src ${new URL(services.appBaseUrl).origin}`,
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
          ].join("; "),
          "content-length": Buffer.byteLength(page),
        });
        res.end(page);
      },
    },
    { method: "GET", path: "/teams/host.js", handle: ({ res }) => sendAsset(res, "text/javascript", script) },
    { method: "GET", path: "/teams/chat-pane.js", handle: ({ res }) => sendAsset(res, "text/javascript", chat) },
    { method: "GET", path: "/teams/host.css", handle: ({ res }) => sendAsset(res, "text/css", styles) },
    { method: "GET", path: "/teams/adaptivecards.js", handle: ({ res }) => sendAsset(res, "text/javascript", adaptiveCards) },
  ];
}

/** Start-page link: open this persona in the Teams host (docs/spec.md §11). */
export const teamsHostPersonaLink: PersonaLinkBuilder = (persona, context) =>
  context.appBaseUrl ? { label: "Open in Teams", href: `${context.httpUrl}/teams?upn=${encodeURIComponent(persona.upn)}` } : null;
