/** functions.json as the build generates it, produced here from the same sources. */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

const { functionFiles } = require("../config/function-files");

export interface ParameterMetadata {
  name: string;
  description?: string;
  type: string;
  optional?: boolean;
  dimensionality?: string;
}
export interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: string };
}
export interface Metadata {
  functions: FunctionMetadata[];
}

let cached: Promise<Metadata> | undefined;

export function loadMetadata(): Promise<Metadata> {
  cached ??= generateCustomFunctionsMetadata(functionFiles(), false).then((result) => {
    if (result.errors.length) throw new Error(result.errors.join("\n"));
    return JSON.parse(result.metadataJson) as Metadata;
  });
  return cached;
}
