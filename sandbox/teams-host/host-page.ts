import { randomUUID } from "node:crypto";
import type { Persona } from "../fixtures/types.js";
import { escapeHtml, html, page } from "../html/layout.js";
import type { SandboxServices } from "../services.js";

export type HostTab = "home" | "admin";
export type HostTheme = "default" | "dark" | "contrast";

/** What the host script needs; embedded as a JSON data block (not executed, so the CSP allows it). */
export interface HostConfig {
  upn: string;
  appOrigin: string;
  tabUrl: string;
  tab: HostTab;
  theme: HostTheme;
  /** The legacy context teams-js turns into app.getContext()'s answer. */
  context: Record<string, unknown>;
}

function hostConfig(services: SandboxServices, persona: Persona, tab: HostTab, theme: HostTheme): HostConfig {
  const appBase = services.appBaseUrl!.replace(/\/+$/, "");
  const tenant = services.directory.tenant(persona.tid);
  return {
    upn: persona.upn,
    appOrigin: new URL(appBase).origin,
    // The app package's tab URLs (index.html#/home and index.html#/admin).
    tabUrl: `${appBase}/index.html#/${tab}`,
    tab,
    theme,
    context: {
      locale: "en-us",
      theme,
      entityId: tab,
      frameContext: "content",
      hostClientType: "web",
      hostName: "Teams",
      appSessionId: randomUUID(),
      sessionId: randomUUID(),
      tid: persona.tid,
      tenantSKU: tenant?.organization ? "enterprise" : "unknown",
      userObjectId: persona.oid,
      userPrincipalName: persona.upn,
      loginHint: persona.upn,
      userDisplayName: persona.displayName,
      userLicenseType: "Unknown",
      isFullScreen: false,
    },
  };
}

/** JSON inside <script type="application/json">: escape "<" so no string can close the element. */
function jsonBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The host page: a Teams-like frame around the tab, a theme switch and the bot's chat pane. */
export function renderHostPage({ services, persona, tab, theme }: { services: SandboxServices; persona: Persona; tab: HostTab; theme: HostTheme }): string {
  const config = hostConfig(services, persona, tab, theme);
  const link = (target: HostTab) => `/teams?upn=${encodeURIComponent(persona.upn)}&tab=${target}`;
  const option = (value: HostTheme, label: string) =>
    `<option value="${value}"${value === theme ? " selected" : ""}>${label}</option>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Teams (sandbox) — ${escapeHtml(persona.displayName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/teams/host.css">
<script src="/teams/host.js" defer></script>
<script type="application/json" id="host-config">${jsonBlock(config)}</script>
</head>
<body class="theme-${theme}">
<header class="bar">
  <span class="brand">Teams <small>(RosterLink sandbox)</small></span>
  <nav aria-label="RosterLink tabs">
    <a href="${link("home")}"${tab === "home" ? ' aria-current="page"' : ""}>Home</a>
    <a href="${link("admin")}"${tab === "admin" ? ' aria-current="page"' : ""}>Administration</a>
  </nav>
  <label>Theme
    <select id="theme-switch">${option("default", "Light")}${option("dark", "Dark")}${option("contrast", "High contrast")}</select>
  </label>
  <span class="who">${escapeHtml(persona.displayName)} · <code>${escapeHtml(persona.upn)}</code> · <a href="/">Switch persona</a></span>
</header>
<div class="layout">
  <main class="stage">
    <div id="tab-status" class="tab-status" role="status">Loading RosterLink…</div>
    <!-- host.js sets the frame's address once it listens: teams-js sends initialize once and never again. -->
    <iframe id="tab-frame" title="RosterLink tab"></iframe>
  </main>
  <aside class="chat" aria-labelledby="chat-title">
    <h2 id="chat-title">Chat with RosterLink</h2>
    <button type="button" id="chat-install" disabled>Add the bot</button>
    <div id="chat-log" class="chat-log" aria-live="polite"></div>
    <form id="chat-form" class="chat-form">
      <label for="chat-text">Message the bot</label>
      <input id="chat-text" autocomplete="off" placeholder="pending, help">
      <button type="submit" disabled>Send</button>
    </form>
    <p id="chat-error" class="chat-error" role="alert"></p>
  </aside>
</div>
</body>
</html>`;
}

/** `/teams` without a known persona: pick one (the start page links here too). */
export function renderPersonaChooser(services: SandboxServices): string {
  const enabled = Boolean(services.appBaseUrl);
  return page(
    "Open RosterLink in the Teams host",
    enabled
      ? html`<p>Choose who to be:</p><ul>${services.directory.personas.map(
          (p) => html`<li><a href="/teams?upn=${encodeURIComponent(p.upn)}">${p.displayName}</a> — <code>${p.upn}</code></li>`,
        )}</ul>`
      : html`<p class="error">The Teams host needs the app's address; start the sandbox from RosterLink (<code>npm start</code>).</p>`,
  );
}
