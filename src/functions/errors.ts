/**
 * Excel errors for custom functions. Inside Excel the runtime provides `CustomFunctions.Error`;
 * elsewhere (plain Node through dist/lib, the workbench, tests) an `InfraError` with the same
 * shape is thrown: `code` ("#VALUE!", "#NUM!", ...) and `message`. Excel shows a custom message
 * only for #VALUE! and #N/A.
 */
export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#N/A" | "#DIV/0!";

/** The error thrown where there is no `CustomFunctions` runtime. */
export class InfraError extends Error {
  readonly code: ExcelErrorCode;
  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.name = "InfraError";
    this.code = code;
  }
}

interface CustomFunctionsRuntime {
  Error: new (code: ExcelErrorCode, message?: string) => Error;
}

function runtime(): CustomFunctionsRuntime | undefined {
  const cf = (globalThis as unknown as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  return cf && typeof cf.Error === "function" ? cf : undefined;
}

/** An error object Excel shows as `code`, carrying `message`. */
export function excelError(code: ExcelErrorCode, message: string): Error {
  const cf = runtime();
  return cf ? new cf.Error(code, message) : new InfraError(code, message);
}

/** `#VALUE!`: bad input. The message names the argument and what it accepts. */
export function valueError(message: string): Error {
  return excelError("#VALUE!", message);
}

/** `#NUM!`: valid input with no finite answer. */
export function numError(message: string): Error {
  return excelError("#NUM!", message);
}
