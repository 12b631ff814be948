/* global window, document, location, history, fetch, performance, URL, setInterval, clearInterval, setTimeout */
// The sandbox's Teams host: answers the teams-js messages the RosterLink tab sends (the host side of
// the protocol is not published; this implements what @microsoft/teams-js v2 sends and expects).
// Requests arrive as {id, uuidAsString, func, args}; answers go back as {id, uuidAsString, args};
// host-initiated events (themeChange) are {func, args}.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("host-config").textContent);
  const frame = document.getElementById("tab-frame");
  const status = document.getElementById("tab-status");
  const state = (window.__teamsHost = { config, theme: config.theme, successAt: null, failure: null, messages: [], popup: null, tokenClaims: [] });

  // teams-js treats a runtime with apiVersion 4 as current; these capabilities are what the tab uses.
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isLegacyTeams: false,
    supports: { app: {}, appEntity: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {} }, teamsCore: {} },
  };

  let pendingAuth = null;
  let chatLoading = false;

  // The chat pane (and the card renderer, a large script) waits until the tab is up: they share the
  // tab's renderer process, and the tab's first screen matters more.
  function loadChatPane() {
    if (chatLoading) return;
    chatLoading = true;
    const renderer = document.createElement("script");
    renderer.src = "/teams/adaptivecards.js";
    renderer.onload = () => {
      const pane = document.createElement("script");
      pane.src = "/teams/chat-pane.js";
      document.head.append(pane);
    };
    document.head.append(renderer);
  }
  setTimeout(loadChatPane, 5000);

  function reply(target, request, args) {
    target.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args: args }, config.appOrigin);
  }

  function setStatus(text, kind) {
    status.textContent = text;
    status.dataset.kind = kind;
    status.hidden = kind === "ready";
  }

  async function mintToken() {
    const response = await fetch("/sandbox/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ upn: config.upn }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error_description || "token request failed");
    return body.access_token;
  }

  // teams-js only accepts https pop-up URLs; the sandbox serves the same paths over http on the same
  // port, and browsers do not trust its certificate, so its own URLs are opened on the http side.
  function popupTarget(url) {
    const target = new URL(url);
    if (target.protocol === "https:" && target.host === location.host) target.protocol = "http:";
    return target.toString();
  }

  function openAuthentication(source, request) {
    if (pendingAuth) reply(pendingAuth.source, pendingAuth.request, [false, "CancelledByUser"]);
    const [url, width, height] = request.args;
    const popup = window.open(popupTarget(url), "rosterlink-authentication", `popup,width=${width || 600},height=${height || 720}`);
    if (!popup) return reply(source, request, [false, "FailedToOpenWindow"]);
    state.popup = popup;
    pendingAuth = { source, request, popup };
    const watch = setInterval(() => {
      if (!pendingAuth || pendingAuth.popup !== popup) return clearInterval(watch);
      if (popup.closed) {
        clearInterval(watch);
        finishAuthentication(false, "CancelledByUser");
      }
    }, 300);
  }

  function finishAuthentication(ok, result) {
    if (!pendingAuth) return;
    const { source, request } = pendingAuth;
    pendingAuth = null;
    state.popup = null;
    reply(source, request, [ok, result]);
  }

  async function handle(event) {
    const message = event.data;
    if (event.origin !== config.appOrigin || !message || typeof message.func !== "string") return;
    const fromTab = event.source === frame.contentWindow;
    const fromPopup = pendingAuth && event.source === pendingAuth.popup;
    if (!fromTab && !fromPopup) return;
    state.messages.push(message.func);
    switch (message.func) {
      case "initialize":
        return reply(event.source, message, [fromTab ? "content" : "authentication", "web", JSON.stringify(runtime), "2.58.0"]);
      case "getContext":
        return reply(event.source, message, [Object.assign({}, config.context, { theme: state.theme, frameContext: fromTab ? "content" : "authentication" })]);
      case "authentication.getAuthToken":
        // A claims challenge the tab passes on (Conditional Access) is recorded for tests to read; Teams would
        // hand it to Entra, which asks the person for what the policy needs.
        if (Array.isArray(message.args[1])) state.tokenClaims.push(...message.args[1]);
        try {
          return reply(event.source, message, [true, await mintToken()]);
        } catch (error) {
          return reply(event.source, message, [false, String(error.message || error)]);
        }
      case "authentication.authenticate":
        return fromTab ? openAuthentication(event.source, message) : undefined;
      case "authentication.authenticate.success":
        return fromPopup ? finishAuthentication(true, message.args[0]) : undefined;
      case "authentication.authenticate.failure":
        return fromPopup ? finishAuthentication(false, message.args[0]) : undefined;
      case "appInitialization.success":
        state.successAt = performance.now();
        document.body.dataset.tabState = "ready";
        loadChatPane();
        return setStatus("", "ready");
      case "appInitialization.failure":
      case "appInitialization.expectedFailure":
        state.failure = { reason: message.args[0], message: message.args[1] };
        document.body.dataset.tabState = "failed";
        loadChatPane();
        return setStatus(`The tab could not load (${message.args[0]}): ${message.args[1] || ""}`, "failed");
      default:
        // registerHandler, appInitialization.appLoaded and the like need no answer.
        return undefined;
    }
  }

  window.addEventListener("message", (event) => void handle(event));
  // Only now may the tab load: a message it sent before the listener existed would be lost.
  frame.src = config.tabUrl;

  function applyTheme(theme) {
    state.theme = theme;
    document.body.className = `theme-${theme}`;
    // The tab follows the host's theme without a reload (app.registerOnThemeChangeHandler).
    frame.contentWindow.postMessage({ func: "themeChange", args: [theme] }, config.appOrigin);
    const url = new URL(location.href);
    url.searchParams.set("theme", theme);
    history.replaceState(null, "", url);
  }

  document.getElementById("theme-switch").addEventListener("change", (event) => applyTheme(event.target.value));
  window.teamsHost = { applyTheme };
})();
