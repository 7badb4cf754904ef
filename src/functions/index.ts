/**
 * The Excel-facing function table: every INFRA custom function by its Excel id. dist/lib
 * exports it so Node callers compute exactly what Excel shows. A family is a module of
 * src/functions/families whose exports are all custom functions.
 */
import * as reliability from "./families/reliability";
import * as power from "./families/power";
import * as balance from "./families/balance";
import * as buildout from "./families/buildout";

export const functions = { ...reliability, ...power, ...balance, ...buildout };
export type FunctionId = keyof typeof functions;
