/** Default analyses for the tests, typed as their kind. */
import { ScenarioModel } from "../../src/scenario/evaluate";
import { Analysis, AnalysisKind, defaultAnalysis } from "../../src/scenario/whatif";

/** defaultAnalysis of `kind` (on `output`, if given); throws if it is of another kind. */
export function defaultOf<K extends AnalysisKind>(
  model: ScenarioModel,
  kind: K,
  output?: string,
): Extract<Analysis, { kind: K }> {
  const a = defaultAnalysis(model, kind, output);
  if (a.kind !== kind) throw new Error(`defaultAnalysis gave a ${a.kind} analysis for ${kind}`);
  return a as Extract<Analysis, { kind: K }>;
}
