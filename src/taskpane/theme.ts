/** Follows the Office theme: Fluent's dark theme when Office paints the pane's body dark. */
import { Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** Relative luminance (0–1) of a "#rrggbb" colour; undefined for anything else. */
function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The Fluent theme for Office's theme (light when Office does not say). */
export function themeFor(office?: { bodyBackgroundColor?: string }): Theme {
  const l = office?.bodyBackgroundColor ? luminance(office.bodyBackgroundColor) : undefined;
  return l !== undefined && l < 0.5 ? webDarkTheme : webLightTheme;
}
