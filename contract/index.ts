/**
 * The API's request and response shapes, shared with the tab. Only types and zod schemas live
 * here: the tab imports this folder and nothing else from the server.
 */
export * from "./common.js";
export * from "./client-config.js";
export * from "./session.js";
export * from "./me.js";
export * from "./requests.js";
export * from "./microsoft365.js";
export * from "./members.js";
export * from "./audit.js";
export * from "./account-type-settings.js";
export * from "./provisioning.js";
export * from "./endpoint.js";
export * from "./problems.js";
