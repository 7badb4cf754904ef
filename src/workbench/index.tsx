/** Workbench entry: loads functions.json, builds the engine-backed workbook, renders the page. */
import "./customFunctions";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { functions } from "../functions";
import { FunctionsJson, InfraFunction, signaturesOf } from "./engine";
import { EngineWorkbook } from "./workbook";
import { Workbench } from "./Workbench";

async function start() {
  const metadata = (await (await fetch("functions.json")).json()) as FunctionsJson;
  const workbook = new EngineWorkbook(functions as unknown as Record<string, InfraFunction>, signaturesOf(metadata));
  (window as unknown as { workbench: EngineWorkbook }).workbench = workbook;
  createRoot(document.getElementById("root")!).render(
    <FluentProvider theme={webLightTheme}>
      <Workbench workbook={workbook} metadata={metadata} />
    </FluentProvider>,
  );
}

start();
