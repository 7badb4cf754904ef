/**
 * The build appends `CustomFunctions.associate(id, fn)` to every function family module
 * (custom-functions-metadata-plugin), and the workbench bundles those modules too. Outside Excel
 * there is no CustomFunctions runtime, so this records the associations instead. It defines no
 * `Error`, so the functions keep throwing InfraError (src/functions/errors.ts). Import it first.
 */
export const associated: Record<string, unknown> = {};

const global = globalThis as unknown as { CustomFunctions?: { associate(id: string, fn: unknown): void } };
global.CustomFunctions ??= { associate: (id, fn) => void (associated[id] = fn) };
