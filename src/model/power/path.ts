/**
 * Availability of power at an IT load: the redundant module layer (availability.ts) together with
 * the distribution path that carries its power, the equipment between the utility service and the
 * rack that the module count does not cover.
 *
 * A path is components in series (a service-entrance transfer switch, the main switchboard, the
 * UPS output switchboard and paralleling bus, the PDU), so it is up with Π aᵢ. How the layout
 * uses paths (Schneider Electric White Paper 75, "Comparing UPS System Design Configurations"):
 *
 *   shared      N, N+R: one path in series with the module group; its equipment, the
 *               paralleling bus above all, is a single point of failure for the whole load.
 *   dualCorded  2N, 2N+R, 2(N+R): each side has its own path (switchgear, bus, PDUs) and
 *               dual-corded IT takes power from either, so a side is down when its path or its
 *               modules are, and the load when both sides are.
 *   transfer    xN/y distributed redundant, BLOCK N+R: each system (each block) has its own path
 *               and y of x must be up to carry the load; each load reaches a second system
 *               through its own transfer switch (a static transfer switch at the PDU or a rack
 *               transfer switch, as in Schneider Electric White Paper 48), which stays a single
 *               point of failure for that load.
 *
 * The common-cause (beta-factor) event of the modules is kept as in availability.ts; paths and
 * transfer switches fail independently of the modules and of each other. What is computed is the
 * probability that a given load has power, steady state, every unit with exponential failures
 * and repairs and availability MTBF ÷ (MTBF + MTTR). The utility and the generators upstream of the
 * service-entrance switch are left out: every layout shares them alike.
 */
import { HOURS_PER_YEAR } from "../units";
import { commonCauseSplit, independentUnavailability, LayerAvailability } from "./availability";
import { installedModules, PowerLayout } from "./topology";

/** One kind of equipment on a path, with its failure statistics and where they come from. */
export interface PathComponent {
  name: string;
  failuresPerYear: number;
  mttrHours: number;
  source: string;
}

/** IEEE Std 3006.8-2018 (the successor of the IEEE 493 "Gold Book" equipment data), Table 2, as quoted in a public component library; not checked against the standard itself. */
const IEEE_3006_8 = "IEEE Std 3006.8-2018 Table 2 (as quoted in public reliability models)";

/** λ = 0.03502 failures per unit-year, MTTR 7.89 h: "switch, automatic transfer". */
const TRANSFER_SWITCH_FIGURES = { failuresPerYear: 0.03502, mttrHours: 7.89 };
/** λ = 0.004327 failures per unit-year, MTTR 16 h: "switchboard, > 225 A". */
const SWITCHBOARD_FIGURES = { failuresPerYear: 0.004327, mttrHours: 16 };

/** The default distribution path, in series from the utility service to the rack. */
export const PATH_COMPONENTS: readonly PathComponent[] = [
  {
    name: "Service-entrance automatic transfer switch (utility / generator)",
    ...TRANSFER_SWITCH_FIGURES,
    source: `${IEEE_3006_8}: switch, automatic transfer`,
  },
  {
    name: "Main low-voltage switchboard",
    ...SWITCHBOARD_FIGURES,
    source: `${IEEE_3006_8}: switchboard > 225 A`,
  },
  {
    name: "UPS output switchboard and paralleling bus",
    ...SWITCHBOARD_FIGURES,
    source: `${IEEE_3006_8}: switchboard > 225 A (assumption: the bus fails like a switchboard)`,
  },
  {
    name: "PDU and distribution panel",
    ...SWITCHBOARD_FIGURES,
    source: `${IEEE_3006_8}: switchboard > 225 A (assumption: no PDU figure is published there)`,
  },
];

/** The transfer switch at a load of a distributed or block-redundant layout. */
export const LOAD_TRANSFER_SWITCH: PathComponent = {
  name: "Static transfer switch at the load",
  ...TRANSFER_SWITCH_FIGURES,
  source: `${IEEE_3006_8}: switch, automatic transfer (assumption: a static switch fails as often as an automatic one)`,
};

/** Steady-state unavailability of a component: λ·MTTR / (8,760 + λ·MTTR), i.e. 1 − MTBF/(MTBF + MTTR). */
export function componentUnavailability(c: Pick<PathComponent, "failuresPerYear" | "mttrHours">): number {
  const downHours = c.failuresPerYear * c.mttrHours;
  return downHours / (HOURS_PER_YEAR + downHours);
}

/** Unavailability of units in series, 1 − Π (1 − uᵢ), kept precise for tiny uᵢ. */
export function seriesUnavailability(unavailabilities: readonly number[]): number {
  let logUp = 0;
  for (const u of unavailabilities) logUp += Math.log1p(-u);
  return -Math.expm1(logUp);
}

/** A distribution path and the transfer switch a load uses, as unavailabilities (1 − availability). */
export interface DistributionPath {
  /** One whole path, utility service to rack. */
  path: number;
  /** The transfer switch of one load (used only where loads transfer between systems). */
  transferSwitch: number;
}

/** The sourced defaults: PATH_COMPONENTS in series and LOAD_TRANSFER_SWITCH. */
export const DEFAULT_PATH: DistributionPath = {
  path: seriesUnavailability(PATH_COMPONENTS.map(componentUnavailability)),
  transferSwitch: componentUnavailability(LOAD_TRANSFER_SWITCH),
};

/** A path that never fails: the layer of modules alone, as AVAILABILITY computes it. */
export const PERFECT_PATH: DistributionPath = { path: 0, transferSwitch: 0 };

/** The systems of a layout that each have their own path: a block of BLOCK N+R is one module. */
function systemsOf(l: PowerLayout): PowerLayout {
  if (l.pathArrangement !== "transfer" || l.groups > 1) return l;
  return { ...l, groups: l.groupModules, groupsNeeded: l.moduleNeeded, groupModules: 1, moduleNeeded: 1 };
}

/**
 * Availability of power at a load of layout `l`, modules up with `a` and common-cause share
 * `beta`, its paths and transfer switches down with the probabilities of `d`. With PERFECT_PATH
 * it is the module layer alone (layerAvailability). `allUp` is the probability that every module,
 * path and transfer switch is up, when interruptible work may run on the reserve.
 */
export function pathAvailability(l: PowerLayout, a: number, beta: number, d: DistributionPath): LayerAvailability {
  const { common, qIndependent } = commonCauseSplit(a, beta);
  const systems = systemsOf(l);
  const independent =
    l.pathArrangement === "shared"
      ? d.path + (1 - d.path) * independentUnavailability(l, qIndependent)
      : independentUnavailability(systems, qIndependent, d.path);
  const atLayer = common + (1 - common) * independent;
  const transfer = l.pathArrangement === "transfer" ? d.transferSwitch : 0;
  const unavailability = transfer + (1 - transfer) * atLayer;
  const paths = l.pathArrangement === "shared" ? 1 : systems.groups;
  const allUp =
    (1 - common) *
    (1 - transfer) *
    Math.exp(installedModules(l) * Math.log1p(-qIndependent) + paths * Math.log1p(-d.path));
  return { availability: 1 - unavailability, unavailability, allUp };
}
