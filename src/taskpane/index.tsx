/** Task pane entry: renders the React app once Office (or a plain browser) is ready. */
import { FluentProvider } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { ExcelWorkbook } from "../workbook/excel";
import { App, REQUIRED_EXCEL_API } from "./App";
import { themeFor } from "./theme";

function render(inExcel: boolean) {
  const container = document.getElementById("root");
  if (!container) return;
  const theme = themeFor(inExcel ? Office.context.officeTheme : undefined);
  const supported = inExcel && Office.context.requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API);
  createRoot(container).render(
    <FluentProvider theme={theme}>
      <App workbook={supported ? new ExcelWorkbook() : undefined} unsupported={inExcel && !supported} />
    </FluentProvider>,
  );
}

if (typeof Office !== "undefined") Office.onReady((info) => render(info.host === Office.HostType.Excel));
else render(false);
