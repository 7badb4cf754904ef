/**
 * dist/lib: the model core and the Excel-facing function table as a plain Node module.
 * `require("./dist/lib").functions.GOODPUT(16384, 50000, 1, 10)` gives what Excel shows; bad
 * input throws an InfraError with `code` ("#VALUE!", "#NUM!") and `message`.
 */
export { functions } from "./functions";
export type { FunctionId } from "./functions";
export { InfraError } from "./functions/errors";
export * as model from "./model";
/** What-if analysis: the scenario-plan evaluator, the analyses and their algorithms (bench/whatif.js). */
export { scenarioModel } from "./scenario/evaluate";
export { defaultValues } from "./scenario/sheets";
export * as whatif from "./scenario/whatif";
export * as whatifModel from "./model/whatif";
