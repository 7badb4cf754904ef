/** The workbench's workbook with every INFRA function and its argument signatures: formulas calculate as in Excel. */
import { functions } from "../src/functions";
import { InfraFunction, signaturesOf } from "../src/workbench/engine";
import { EngineWorkbook } from "../src/workbench/workbook";
import { loadMetadata } from "./metadata";

export async function engineWorkbook(): Promise<EngineWorkbook> {
  return new EngineWorkbook(functions as unknown as Record<string, InfraFunction>, signaturesOf(await loadMetadata()));
}
