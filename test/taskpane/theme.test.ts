import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { themeFor } from "../../src/taskpane/theme";

test("follows the Office theme: dark body → Fluent dark, light or unknown → light", () => {
  expect(themeFor({ bodyBackgroundColor: "#262626" })).toBe(webDarkTheme);
  expect(themeFor({ bodyBackgroundColor: "#FFFFFF" })).toBe(webLightTheme);
  expect(themeFor({ bodyBackgroundColor: "not a colour" })).toBe(webLightTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
});
