import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";
import type { TeamsTheme } from "./teams/teams-host.js";

/** Fluent UI v9's Teams themes, by the name Teams gives its theme. */
export function fluentTheme(theme: TeamsTheme): Theme {
  return theme === "dark" ? teamsDarkTheme : theme === "contrast" ? teamsHighContrastTheme : teamsLightTheme;
}
