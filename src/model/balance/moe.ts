/**
 * Mixture-of-experts weights. A model with E experts per layer, k routed per token, N_total
 * parameters and N_active per token splits into shared parameters (attention, embeddings, shared
 * experts) and E equal experts: N_total = S + E·P, N_active = S + k·P, so
 * P = (N_total − N_active)/(E − k) and S = N_active − k·P.
 *
 * Experts touched per layer by B tokens under uniform, independent routing:
 * E·(1 − (1 − k/E)^B) (derived: a token misses a given expert with probability 1 − k/E): 8 of 256 at B = 1, about 163
 * at B = 32, about 252 at B = 128 for DeepSeek-V3 (E = 256, k = 8).
 */

/** Expected experts per layer that at least one of `tokens` tokens routes to. */
export function expertsTouched(experts: number, expertsPerToken: number, tokens: number): number {
  return experts * -Math.expm1(tokens * Math.log1p(-expertsPerToken / experts));
}

export interface MoeSplit {
  sharedParams: number;
  paramsPerExpert: number;
}

/** Shared and per-expert parameters, or undefined when the four figures cannot describe one model. */
export function moeSplit(
  totalParams: number,
  activeParams: number,
  experts: number,
  expertsPerToken: number,
): MoeSplit | undefined {
  if (activeParams > totalParams || expertsPerToken > experts) return undefined;
  if (experts === expertsPerToken)
    return totalParams === activeParams ? { sharedParams: totalParams, paramsPerExpert: 0 } : undefined;
  const paramsPerExpert = (totalParams - activeParams) / (experts - expertsPerToken);
  const sharedParams = activeParams - expertsPerToken * paramsPerExpert;
  return sharedParams < 0 ? undefined : { sharedParams, paramsPerExpert };
}

/** Parameters read from HBM when `tokens` tokens pass through the model (all experts at large batch). */
export function paramsTouched(split: MoeSplit, experts: number, expertsPerToken: number, tokens: number): number {
  return split.sharedParams + split.paramsPerExpert * expertsTouched(experts, expertsPerToken, tokens);
}
