/** A scenario created in a fresh engine workbook, with the book and the what-if operations over it. */
import { Scenario } from "../../src/scenario";
import { WhatIfBook } from "../../src/workbook/whatif";
import { ScenarioBook, draftOf } from "../../src/workbook/scenarios";
import { engineWorkbook } from "../engineWorkbook";
import { fleet } from "../scenario/fixtures";

export async function whatIfSetup(s: Scenario = fleet("count")) {
  const wb = await engineWorkbook();
  const book = new ScenarioBook(wb);
  const scenario = await book.create(draftOf(s));
  return { wb, book, scenario, whatIf: new WhatIfBook(wb, book) };
}
