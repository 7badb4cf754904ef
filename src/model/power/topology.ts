/**
 * The topology grammar of a redundant power layer (UPS, generators, PDUs, cooling) and its usable
 * fraction: usable IT power ÷ installed capacity of the layer.
 *
 * Forms (Schneider Electric White Paper 75, "Comparing UPS System Design Configurations"; Fluegeman,
 * "2(N+1) and 3N/2 Redundancy", facilitiesnet.com), with N the modules needed to carry the load:
 *
 *   N          capacity, no redundancy                         u = 1
 *   N+R        parallel redundant, R spare modules             u = N/(N+R)
 *   2N         system plus system, two full systems            u = 1/2
 *   2N+R       two systems of N plus R spares either can use   u = N/(2N+R)
 *   2(N+R)     two systems of N+R                              u = N/(2N+2R)
 *   xN/y       distributed redundant: x systems, any y carry   u = y/x
 *   BLOCK N+R  block redundant / catcher: N active blocks, R reserve blocks behind static
 *              transfer switches; the same arithmetic as N+R with a whole block as the module.
 *
 * "2N+1" is ambiguous in the trade (some mean 2(N+1)); here it is always 2N plus one module. A
 * count may replace the letter N ("4+1", "2(4+1)", "BLOCK 6+1"). A plain number in (0, 1] is the
 * usable fraction itself. A trailing or leading FLEX marks interruptible use of the reserve
 * (Zhang et al., "Flex", ISCA 2021): see capacity.ts.
 *
 * Every form is one structure: `groups` systems, `groupsNeeded` of which must be up; each group
 * holds `groupModules` modules of which `moduleNeeded` must be up; `sharedSpares` modules can
 * stand in for a failed module of any one group. The usable fraction is then the load in modules
 * (groupsNeeded × moduleNeeded) over the modules installed.
 */

/** A parsed topology before the module count is known. `needed` is null where the text says "N". */
export type TopologyForm =
  | { kind: "fraction"; fraction: number }
  | {
      kind: "capacity" | "parallel" | "block" | "systemPlusSystem" | "systemPlusSystemSpares" | "doubleParallel";
      needed: number | null;
      spares: number;
      flex: boolean;
    }
  | { kind: "distributed"; systems: number; systemsNeeded: number; flex: boolean };

/** A redundant layer in modules (see the module comment). */
export interface PowerLayout {
  /** Canonical name with the count filled in, e.g. "4+1", "2(N+1), N = 4", "3N/2". */
  name: string;
  groups: number;
  groupsNeeded: number;
  groupModules: number;
  moduleNeeded: number;
  sharedSpares: number;
  /** Interruptible work runs on the reserve while every module is up (Flex-style). */
  flex: boolean;
  /** How distribution paths reach the load (path.ts). */
  pathArrangement: PathArrangement;
}

/**
 * How the distribution paths reach the IT load: "shared", one path for the whole layer (N, N+R);
 * "dualCorded", one path per system and dual-corded loads take power from either (2N, 2N+R,
 * 2(N+R)); "transfer", one path per system (per block for BLOCK N+R) and each load reaches a
 * second system through its own transfer switch (xN/y distributed redundant, block redundant).
 */
export type PathArrangement = "shared" | "dualCorded" | "transfer";

/** Largest module, spare or system count a topology may name. */
export const MAX_MODULES = 1000;

export const ACCEPTED_TOPOLOGIES =
  'N; N+R (e.g. N+1, 4+1); 2N; 2N+R (e.g. 2N+1); 2(N+R) (e.g. 2(N+1)); xN/y distributed redundant (e.g. 3N/2, 4N/3); BLOCK N+R or CATCHER N+R (block redundant); or a usable fraction in (0, 1]. Case and spaces are ignored; add FLEX (e.g. "2N FLEX") in REDUNDANCY_COMPARE for interruptible use of the reserve';

const COUNT = "(N|\\d+)";
/** Plain decimal text ("0.5", ".75", "5E-1"); not hexadecimal, binary or "Infinity", which Number() also reads. */
const DECIMAL = /^\+?(\d+\.?\d*|\.\d+)(E[+-]?\d+)?$/;
const PATTERNS: [RegExp, (m: RegExpMatchArray, flex: boolean) => TopologyForm | null][] = [
  [/^N$/, (_, flex) => ({ kind: "capacity", needed: null, spares: 0, flex })],
  [new RegExp(`^${COUNT}\\+(\\d+)$`), (m, flex) => counted("parallel", m[1], m[2], flex)],
  [new RegExp(`^(?:BLOCK|CATCHER)${COUNT}\\+(\\d+)$`), (m, flex) => counted("block", m[1], m[2], flex)],
  [/^2N$/, (_, flex) => ({ kind: "systemPlusSystem", needed: null, spares: 0, flex })],
  [/^2N\+(\d+)$/, (m, flex) => counted("systemPlusSystemSpares", "N", m[1], flex)],
  [new RegExp(`^2\\(${COUNT}\\+(\\d+)\\)$`), (m, flex) => counted("doubleParallel", m[1], m[2], flex)],
  [
    /^(\d+)N\/(\d+)$/,
    (m, flex) => {
      const systems = Number(m[1]);
      const systemsNeeded = Number(m[2]);
      if (systemsNeeded < 1 || systems <= systemsNeeded || systems > MAX_MODULES) return null;
      return { kind: "distributed", systems, systemsNeeded, flex };
    },
  ],
];

function counted(
  kind: "parallel" | "block" | "systemPlusSystemSpares" | "doubleParallel",
  needed: string,
  spares: string,
  flex: boolean,
): TopologyForm | null {
  const n = needed === "N" ? null : Number(needed);
  const r = Number(spares);
  if ((n !== null && (n < 1 || n > MAX_MODULES)) || r < 1 || r > MAX_MODULES) return null;
  return { kind, needed: n, spares: r, flex };
}

/** Parses a topology (text or a number), or null when it is none of the accepted forms. */
export function parseTopology(value: unknown): TopologyForm | null {
  if (typeof value === "number") return value > 0 && value <= 1 ? { kind: "fraction", fraction: value } : null;
  if (typeof value !== "string") return null;
  let text = value.replace(/\s+/g, "").toUpperCase();
  if (DECIMAL.test(text)) return parseTopology(Number(text));
  const flex = /^FLEX|FLEX$/.test(text);
  if (flex) text = text.replace(/^FLEX|FLEX$/, "");
  for (const [pattern, build] of PATTERNS) {
    const m = text.match(pattern);
    if (m) return build(m, flex);
  }
  return null;
}

/** Whether the usable fraction of a form depends on the number of modules N. */
function fractionNeedsModules(form: TopologyForm): boolean {
  return (
    form.kind !== "fraction" &&
    form.kind !== "distributed" &&
    form.kind !== "capacity" &&
    form.kind !== "systemPlusSystem"
  );
}

/**
 * The layout of `form` with N modules needed. `modulesNeeded` (undefined when not given) fills a
 * letter N. Omitted, it defaults to one module per system where the usable fraction does not
 * depend on it, unless `countRequired` (availability always depends on N: 2N with four modules a
 * side is 1 − (1 − a⁴)², not 1 − (1 − a)²). Returns a message fragment instead when the two
 * disagree, N is missing, or FLEX has no reserve to use.
 */
export function layoutOf(
  form: Exclude<TopologyForm, { kind: "fraction" }>,
  modulesNeeded?: number,
  countRequired = false,
): PowerLayout | string {
  if (form.kind === "capacity" && form.flex) {
    return 'FLEX needs a reserve to run interruptible work on, and N has none: add redundancy, e.g. "2N FLEX" or "N+1 FLEX"';
  }
  const letter = form.kind === "distributed" || form.needed === null;
  if (letter && modulesNeeded === undefined && (countRequired || fractionNeedsModules(form))) {
    const why = countRequired ? "availability depends on it" : "the usable fraction depends on it";
    return `N is a letter here and ${why}, so give modules_needed (the N, a whole number from 1 to ${MAX_MODULES.toLocaleString("en-US")}) or write the count into the topology where the form allows, e.g. "4+1" or "2(4+1)"`;
  }
  if (form.kind === "distributed") {
    const { systems, systemsNeeded, flex } = form;
    const n = modulesNeeded ?? systemsNeeded;
    // Each system is sized for 1/y of the load: a whole number of modules, so ⌈N/y⌉ when y does
    // not divide N (3N/2 at N = 5: three systems of 3 modules, any two carry the load).
    const perSystem = Math.ceil(n / systemsNeeded);
    const count = modulesNeeded === undefined ? "" : `, N = ${n}`;
    return layout(
      `${systems}N/${systemsNeeded}`,
      count,
      [systems, systemsNeeded, perSystem, perSystem, 0],
      flex,
      "transfer",
    );
  }
  const { kind, needed, spares, flex } = form;
  if (needed !== null && modulesNeeded !== undefined && needed !== modulesNeeded) {
    return `the topology names ${needed} modules but modules_needed is ${modulesNeeded}: give one or make them agree`;
  }
  const n = needed ?? modulesNeeded;
  const m = n ?? 1;
  const count = needed === null && n !== undefined ? `, N = ${n}` : "";
  const nLabel = needed === null ? "N" : String(needed);
  switch (kind) {
    case "capacity":
      return layout("N", count, [1, 1, m, m, 0], flex, "shared");
    case "parallel":
      return layout(`${nLabel}+${spares}`, count, [1, 1, m + spares, m, 0], flex, "shared");
    case "block":
      return layout(`BLOCK ${nLabel}+${spares}`, count, [1, 1, m + spares, m, 0], flex, "transfer");
    case "systemPlusSystem":
      return layout("2N", count, [2, 1, m, m, 0], flex, "dualCorded");
    case "systemPlusSystemSpares":
      return layout(`2N+${spares}`, count, [2, 1, m, m, spares], flex, "dualCorded");
    case "doubleParallel":
      return layout(`2(${nLabel}+${spares})`, count, [2, 1, m + spares, m, 0], flex, "dualCorded");
  }
}

/** `shape`: groups, groups needed, modules per group, modules needed per group, shared spares. */
function layout(
  form: string,
  count: string,
  shape: [number, number, number, number, number],
  flex: boolean,
  pathArrangement: PathArrangement,
): PowerLayout {
  const [groups, groupsNeeded, groupModules, moduleNeeded, sharedSpares] = shape;
  const name = `${form}${flex ? " FLEX" : ""}${count}`;
  return { name, groups, groupsNeeded, groupModules, moduleNeeded, sharedSpares, flex, pathArrangement };
}

/** Modules installed in the layer. */
export function installedModules(l: PowerLayout): number {
  return l.groups * l.groupModules + l.sharedSpares;
}

/** Usable IT power ÷ installed capacity: the load in modules over the modules installed. */
export function usableFraction(l: PowerLayout): number {
  return (l.groupsNeeded * l.moduleNeeded) / installedModules(l);
}
