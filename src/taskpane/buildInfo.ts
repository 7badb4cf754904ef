/** Facts the build injects (webpack DefinePlugin; Jest sets them as globals). */
declare const __APP_VERSION__: string;
declare const __BASE_URL__: string;

export const APP_NAME = "Balance Point";
export const APP_VERSION = __APP_VERSION__;
/** The function reference served beside the page (__BASE_URL__ is "" in the workbench: relative to its page). */
export const FUNCTION_REFERENCE_URL = `${__BASE_URL__}functions.html`;
