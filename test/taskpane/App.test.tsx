/** @jest-environment jsdom */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import pkg from "../../package.json";

describe("task pane", () => {
  test("shows the add-in's name, version and a link to the function reference", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App />
      </FluentProvider>,
    );
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Balance Point");
    expect(screen.getByText(`Version ${pkg.version}`)).toBeTruthy();
    const link = screen.getByRole("link", { name: "INFRA function reference" });
    expect(link.getAttribute("href")).toBe("https://localhost:3000/functions.html");
  });

  test("says plainly when Excel is too old for the scenario pane", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App unsupported />
      </FluentProvider>,
    );
    expect(screen.getByRole("status").textContent).toMatch(/Scenarios need a newer Excel \(ExcelApi 1\.7/);
  });
});
