export * from "./fields";
export * from "./schema";
export * from "./store";
export * from "./plan";
export * from "./sheets";
export * from "./compare";
