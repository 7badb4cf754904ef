/** The build-out planner: Monte Carlo over lead times of a task network. */
export * from "./distributions";
export * from "./random";
export * from "./tasks";
export * from "./plan";
export * from "./percentiles";
export * from "./simulate";
export * from "./report";
export * from "./fan";
export * from "./template";
export * from "./risks";
export * from "./completion";
