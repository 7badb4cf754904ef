/**
 * Rank correlation between uncertain inputs by a Gaussian copula (R. T. Clemen and T. Reilly,
 * "Correlations and copulas for decision and risk analysis", Management Science 45(2), 1999):
 * the user's matrix holds rank (Spearman) correlations, as @RISK's and Crystal Ball's do; each is
 * turned into the correlation of the underlying normal scores by ρ = 2·sin(π·r/6) (Pearson 1907,
 * pearsonFromSpearman), and the normal scores z = L·e are drawn from independent standard
 * normals e with L the Cholesky factor of that matrix (G. H. Golub and C. F. Van Loan, Matrix
 * Computations, 4th ed., §4.2). Since x = Q(Φ(z)) is monotone in z, every pair of inputs then has
 * the requested rank correlation whatever their distributions; truncation to an input's range
 * keeps it (./distributions rescales u, which is monotone too), rounding an integer input does not
 * quite (its ties weaken the rank correlation a little).
 * Assumptions: the dependence is a Gaussian copula's (no extra dependence in the tails); the
 * requested value holds for the population, and a sample of n trials scatters about it (by about
 * 1/√(n − 1), Spearman's standard error under independence, or less).
 * Inputs not named in a correlation are independent. A matrix that is not positive semidefinite
 * after the conversion is refused, not repaired (Crystal Ball offers to adjust one: Oracle
 * Crystal Ball user's guide, "Checking Matrix Consistency").
 */
import { pearsonFromSpearman } from "../buildout/normal";

/** How far from symmetric, and a pivot how far below zero, the matrix may be (rounding). */
const ROUNDING = 1e-10;

/** What is wrong with a rank-correlation matrix for n inputs, in words; undefined when valid. */
export function correlationProblem(matrix: readonly (readonly number[])[], n: number): string | undefined {
  if (matrix.length !== n || matrix.some((row) => row.length !== n)) {
    return `the correlation matrix must be ${n} × ${n}, one row and column per uncertain input`;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = matrix[i][j];
      if (typeof r !== "number" || !(r >= -1 && r <= 1)) {
        return `the correlation of inputs ${i + 1} and ${j + 1} must be a number from −1 to 1; got ${r}`;
      }
      if (i === j && r !== 1) return `the correlation of input ${i + 1} with itself must be 1; got ${r}`;
      if (Math.abs(r - matrix[j][i]) > ROUNDING) {
        return `the correlation matrix must be symmetric: inputs ${i + 1} and ${j + 1} have ${r} and ${matrix[j][i]}`;
      }
    }
  }
  const factor = choleskyOfRanks(matrix);
  return typeof factor === "string" ? factor : undefined;
}

/**
 * The lower-triangular L with L·Lᵀ = [2·sin(π·r_ij/6)], or the reason there is none. A matrix that
 * is positive semidefinite but singular (e.g. a correlation of 1) is factored with zero pivots; one
 * that is not positive semidefinite (the correlations contradict each other, e.g. A with B and B
 * with C strongly positive but A with C strongly negative) is refused, not repaired.
 */
export function choleskyOfRanks(matrix: readonly (readonly number[])[]): number[][] | string {
  const n = matrix.length;
  const a = matrix.map((row, i) => row.map((r, j) => (i === j ? 1 : pearsonFromSpearman((r + matrix[j][i]) / 2))));
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let pivot = a[j][j];
    for (let k = 0; k < j; k++) pivot -= l[j][k] * l[j][k];
    const inconsistent = `the correlations are inconsistent with each other (the matrix is not positive semidefinite; the conflict shows at input ${j + 1}): weaken some of them`;
    if (pivot < -ROUNDING) return inconsistent;
    const d = pivot > ROUNDING ? Math.sqrt(pivot) : 0;
    l[j][j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (d > 0) l[i][j] = s / d;
      else if (Math.abs(s) > Math.sqrt(ROUNDING)) return inconsistent;
    }
  }
  return l;
}
