/** Test helpers for calling INFRA functions as Excel does. */
import { InfraError } from "../src";

/** An omitted optional argument: Excel passes null. */
export const omitted = null as unknown as number;

/** The Excel error `call` throws; fails the test if it returns or throws anything else. */
export function excelErrorOf(call: () => unknown): InfraError {
  try {
    call();
  } catch (e) {
    if (e instanceof InfraError) return e;
    throw e;
  }
  throw new Error("expected an Excel error");
}
