import type { TestApp } from "./app.js";
import { submitPersonaPage } from "./sandbox-browser.js";

/**
 * Plays a tenant admin's browser on the sandbox's real /adminconsent page, then follows Entra's
 * redirect to the app's callback. Answers the callback's answer and Entra's redirect parameters.
 */
export async function consentThroughEntra(t: TestApp, consentUrl: string, upn: string, decision: "accept" | "decline" = "accept") {
  const { location } = await submitPersonaPage(t.sandbox.caCertPem, consentUrl, { upn, button: { name: "decision", value: decision } });
  const callback = new URL(location);
  const answer = await t.call("GET", `${callback.pathname}${callback.search}`);
  const target = answer.status === 302 ? new URL(String(answer.headers.location)) : null;
  return { answer, callback, outcome: target?.searchParams.get("consent") ?? null, params: Object.fromEntries(callback.searchParams) };
}
