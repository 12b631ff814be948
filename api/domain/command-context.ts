import type { AppContext } from "../context.js";

/**
 * Every domain command has one shape: `(ctx, input) → plain data`. `ctx` is the part of the app's context the
 * command needs (the store, the clock, the log…); routes and the bot pass the context they were given, so a
 * caller never has to know which parts a command uses.
 */
export type CommandContext<K extends keyof AppContext = "store"> = Pick<AppContext, K>;
