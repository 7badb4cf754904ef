/** Power redundancy, availability, value per gigawatt and TCO. */
export * from "./topology";
export * from "./availability";
export * from "./path";
export * from "./capacity";
export * from "./tco";
export * from "./tiers";
