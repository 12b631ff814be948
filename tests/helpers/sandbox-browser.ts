import { requestTrusting } from "./sandbox-https.js";

/** The parameters of the redirect back to the app, from a `Location` header. */
export type RedirectParams = Record<string, string>;

/**
 * Plays the browser on a sandbox page with a persona picker (/authorize, /adminconsent): loads the page,
 * keeps its hidden fields, picks `upn`, presses the named button, and returns where the sandbox redirects.
 */
export async function submitPersonaPage(
  ca: string,
  pageUrl: string,
  choice: { upn: string; button: { name: string; value: string } },
): Promise<{ location: string; params: RedirectParams }> {
  const pageResponse = await requestTrusting(ca, pageUrl);
  if (pageResponse.status !== 200) throw new Error(`page answered ${pageResponse.status}: ${pageResponse.text.slice(0, 200)}`);
  const form = new URLSearchParams();
  for (const match of pageResponse.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    form.append(decodeEntities(match[1]!), decodeEntities(match[2]!));
  }
  form.set("upn", choice.upn);
  form.set(choice.button.name, choice.button.value);
  const posted = await requestTrusting(ca, pageUrl.split("?")[0]!, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  const location = posted.headers.location;
  if (posted.status !== 302 || !location) throw new Error(`expected a redirect, got ${posted.status}: ${posted.text.slice(0, 200)}`);
  return { location, params: Object.fromEntries(new URL(location).searchParams) };
}

function decodeEntities(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
