/** The task pane rendered as Office shows it, over any workbook port (jsdom tests). */
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { WorkbookPort } from "../../src/workbook/port";

/** jsdom lacks ResizeObserver, which Fluent's MessageBar observes; nothing in these tests resizes. */
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}

/** Renders the pane (App in Fluent's light theme) on `port`. */
export function renderPane(port: WorkbookPort) {
  const global = globalThis as Record<string, unknown>;
  if (!global.ResizeObserver) global.ResizeObserver = NoResize;
  return render(
    <FluentProvider theme={webLightTheme}>
      <App workbook={port} />
    </FluentProvider>,
  );
}
