/**
 * exp and log that give the same bits on every JavaScript engine. ECMAScript leaves Math.exp and
 * Math.log "implementation-approximated", so Excel on Windows (V8), on the Mac (JavaScriptCore)
 * and Node could round differently in the last place; these ports of fdlibm 5.3 (Sun
 * Microsystems, e_exp.c and e_log.c, < 1 ulp) use only IEEE-754 +, −, ×, ÷ and exponent bits,
 * which every engine computes identically. V8's own Math.exp/Math.log are the same fdlibm code.
 * Constants are written as the shortest decimals of fdlibm's doubles.
 */
const buffer = new ArrayBuffer(8);
const f64 = new Float64Array(buffer);
const u32 = new Uint32Array(buffer);
/** Index of the high (sign, exponent) word: 1 on little-endian hosts, 0 on big-endian ones. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  f64[0] = x;
  return u32[HI] | 0;
}

/** 2^k for an integer k in [−1022, 1023], built from its exponent bits. */
function twoTo(k: number): number {
  u32[HI] = (k + 1023) << 20;
  u32[LO] = 0;
  return f64[0];
}

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
const EXP_P1 = 0.16666666666666602;
const EXP_P2 = -0.0027777777777015593;
const EXP_P3 = 0.00006613756321437934;
const EXP_P4 = -0.0000016533902205465252;
const EXP_P5 = 4.1381367970572385e-8;
const EXP_OVERFLOW = 709.782712893384;
const EXP_UNDERFLOW = -745.1332191019411;
const TWO_M1000 = 9.332636185032189e-302;

/** e^x (fdlibm __ieee754_exp): x = k·ln2 + r, |r| ≤ ln2/2, and a Remez polynomial for e^r. */
export function exp(x: number): number {
  if (x !== x) return x;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const hx = highWord(x) & 0x7fffffff;
  const negative = x < 0;
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1) return Math.E; // as V8: the reduction below is 1 ulp off at exactly 1
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k > 1023) return y * 2 * twoTo(k - 1);
  return k >= -1021 ? y * twoTo(k) : y * twoTo(k + 1000) * TWO_M1000;
}

const TWO54 = 18014398509481984;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

/** Natural log (fdlibm __ieee754_log): x = 2^k·(1 + f), √2/2 < 1 + f < √2, and a series in f/(2 + f). */
export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    k = -54;
    x *= TWO54;
  }
  f64[0] = x;
  let hx = u32[HI] | 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  u32[HI] = hx | (i ^ 0x3ff00000); // normalize x or x/2
  k += i >> 20;
  const f = f64[0] - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
