import type { Persona, SandboxTenant } from "../fixtures/types.js";
import { html, page } from "../html/layout.js";
import { displayNameOf, type ProvisioningJob } from "./provisioning-jobs.js";

export interface ProvisioningPage {
  tenant: SandboxTenant;
  personas: Persona[];
  job: ProvisioningJob;
  defaultTenantUrl: string;
  message: string | null;
}

/** Entra's enterprise-app Provisioning blade, reduced to what the sandbox needs to show. */
export function renderProvisioningPage({ tenant, personas, job, defaultTenantUrl, message }: ProvisioningPage): string {
  const base = `/sandbox/provisioning/${tenant.tid}`;
  const rows = personas.map((p) => {
    const left = job.leavers.has(p.upn);
    return html`<tr><td><code>${p.upn}</code></td><td>${displayNameOf(job, p)}</td><td>${left ? "left" : "assigned"}</td>
      <td><form method="post" action="${base}/personas/${encodeURIComponent(p.upn)}">
        <input type="hidden" name="left" value="${left ? "false" : "true"}">
        <button type="submit">${left ? `Assign ${p.upn} again` : `Mark ${p.upn} as left`}</button></form>
      <form method="post" action="${base}/personas/${encodeURIComponent(p.upn)}">
        <label>New display name for ${p.upn} <input name="displayName" maxlength="256"></label> <button type="submit">Rename</button></form></td></tr>`;
  });
  const log = job.log.slice(0, 50).map(
    (e) => html`<tr><td>${e.at}</td><td>${e.method} <code>${decodeURIComponent(e.path)}</code></td><td>${e.status}</td><td>${e.upn ?? ""}</td><td>${e.action ?? ""} ${e.detail ?? ""}</td></tr>`,
  );
  return page(
    `Provisioning: ${tenant.name}`,
    html`<p><a href="/">Back to the start page</a></p>
      <p>This plays Microsoft Entra's provisioning service for ${tenant.name} (<code>${tenant.tid}</code>): it sends the tenant's
        people (not guests) to RosterLink's SCIM endpoint the way Entra does. Turn provisioning on in RosterLink's Settings,
        then paste the tenant URL and secret here.</p>
      ${message ? html`<p role="status"><strong>${message}</strong></p>` : ""}
      <h2>Admin credentials</h2>
      <form method="post" action="${base}/credentials">
        <p><label>Tenant URL <input name="tenantUrl" size="50" value="${job.tenantUrl ?? defaultTenantUrl}" required></label></p>
        <p><label>Secret token <input name="secretToken" type="password" size="50" required></label>
          ${job.secretToken ? html`<span class="muted">(a token is saved)</span>` : ""}</p>
        <p><button type="submit">Save</button></p>
      </form>
      <form method="post" action="${base}/test-connection"><button type="submit">Test connection</button></form>
      <h2>Provisioning cycle</h2>
      <p>Queries each person by userName, creates whoever is missing, patches changed names, and disables leavers.</p>
      <form method="post" action="${base}/cycle"><button type="submit">Start a provisioning cycle</button></form>
      <h2>Users assigned to the app</h2>
      <table><thead><tr><th scope="col">UPN</th><th scope="col">Display name</th><th scope="col">Assignment</th><th scope="col">Change</th></tr></thead>
        <tbody>${rows}</tbody></table>
      <h2>Send one request</h2>
      <form method="post" action="${base}/request">
        <p><label>Method <select name="method"><option>GET</option><option>POST</option><option>PUT</option><option>PATCH</option><option>DELETE</option></select></label>
          <label>Path <input name="path" size="50" value="/Users?filter=userName eq &quot;teacher@${tenant.domains[0] ?? ""}&quot;"></label></p>
        <p><label>JSON body <textarea name="body" rows="4" cols="60"></textarea></label></p>
        <p><button type="submit">Send</button></p>
      </form>
      <h2>Provisioning logs</h2>
      <table><thead><tr><th scope="col">Time</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">User</th><th scope="col">Outcome</th></tr></thead>
        <tbody>${log}</tbody></table>`,
  );
}
