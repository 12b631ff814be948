/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

// Plain system fonts and colours that keep 4.5:1 contrast; no external resources so the pages work offline.
const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, "Segoe UI", sans-serif; line-height: 1.5; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  .banner { background: #0b5394; color: #fff; padding: 0.5rem 1.5rem; font-size: 0.9rem; }
  fieldset { border: 1px solid GrayText; border-radius: 6px; margin: 1rem 0; padding: 0.75rem 1rem; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  label { display: block; padding: 0.25rem 0; cursor: pointer; }
  button { font: inherit; padding: 0.5rem 1.25rem; margin-right: 0.5rem; border-radius: 4px;
           border: 2px solid #0b5394; background: #0b5394; color: #fff; cursor: pointer; }
  button.secondary { background: Canvas; color: CanvasText; }
  :focus-visible { outline: 3px solid #e69500; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
  th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid GrayText; }
  code { font-size: 0.95em; }
  .error { border-left: 4px solid #b00020; padding: 0.5rem 1rem; }
  .muted { opacity: 0.85; font-size: 0.9rem; }
`;

/** The shell of every sandbox page: one h1, a main landmark, and a banner saying this is not Microsoft. */
export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="banner" role="note">RosterLink sandbox: a local stand-in for Microsoft 365. No real accounts are used.</div>
<main>
<h1>${escapeHtml(title)}</h1>
${body.value}
</main>
</body>
</html>`;
}

/** An Entra-style error page (for errors that cannot be redirected to the app). */
export function errorPage(code: number, message: string): string {
  return page(
    "Sorry, but we're having trouble signing you in.",
    html`<div class="error" role="alert"><p><strong>AADSTS${code}:</strong> ${message}</p></div>`,
  );
}

/** Hidden inputs that carry a request's original parameters through a form post. */
export function hiddenInputs(params: URLSearchParams, skip: string[] = []): Html {
  const inputs: Html[] = [];
  for (const [name, value] of params) {
    if (!skip.includes(name)) inputs.push(html`<input type="hidden" name="${name}" value="${value}">`);
  }
  return html`${inputs}`;
}
