/** What-if analysis over any model given as a function of its inputs: pure algorithms, no Office, no I/O. */
export * from "./fn";
export * from "./tornado";
export * from "./dataTable";
export * from "./goalSeek";
export * from "./distributions";
export * from "./correlation";
export * from "./statistics";
export * from "./simulate";
