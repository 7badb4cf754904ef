/** System balance: roofline, per-resource step times, LLM workloads, MoE and agent loops. */
export * from "../catalog";
export * from "./roofline";
export * from "./efficiency";
export * from "./step";
export * from "./moe";
export * from "./kvCache";
export * from "./parallel";
export * from "./metrics";
export * from "./workloads";
export * from "./agents";
