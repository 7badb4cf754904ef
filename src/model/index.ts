/** The model core: pure functions, no Office, no DOM, no I/O. */
export * from "./units";
export * from "./failures";
export * from "./lambertW";
export * from "./logGamma";
export * from "./binomial";
export * from "./checkpoint";
export * from "./sparePool";
export * from "./goodput";
export * from "./power";
export * from "./balance";
export * from "./buildout";
