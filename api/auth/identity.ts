/** The caller as proven by a verified Entra token. Identity is (tid, oid) only (docs/spec.md §4). */
export interface Identity {
  tid: string;
  oid: string;
  /** Display name from the token: for display only, never for identification. */
  name: string;
  /** preferred_username/email from the token: for display only — a foreign tenant can set it. */
  username: string;
  /** Entra directory role template ids (`wids`), used to recognise tenant admins. */
  roles: string[];
  /** A guest in this tenant (acct = 1, or the idp is another issuer). */
  guest: boolean;
  /** A personal Microsoft account (the consumers tenant). */
  personal: boolean;
  scopes: string[];
  /** Holds a directory role that can grant tenant-wide admin consent (docs/spec.md §3.6). */
  tenantAdmin: boolean;
  /** The raw token, kept only to exchange it on-behalf-of the user at sign-up. Never logged. */
  token: string;
}

/** An identity for routes that need none (auth: "none"). Using it for anything is a bug. */
export const ANONYMOUS: Identity = Object.freeze({
  tid: "",
  oid: "",
  name: "",
  username: "",
  roles: [],
  guest: false,
  personal: false,
  scopes: [],
  tenantAdmin: false,
  token: "",
}) as Identity;
