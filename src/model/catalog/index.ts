export * from "./types";
export * from "./chips";
export * from "./lookup";
