/**
 * A template task table for a greenfield AI site of 100 MW, every duration a min / mode / max set
 * on the published lead times its source column names. Structure: first power = max(grid path,
 * construction path, IT delivery) plus the last fit-out step, with site control before
 * everything. Long-lead electrical equipment shares one risk group (one tight OEM market). Weeks
 * convert at 7/30.4375 months, years at 12. Every row is PERT, the published ranges taken as
 * bounds (generators' "up to 110 weeks" too). GPU servers are ordered once permitting is through
 * (an owner's choice; IT delivery could run in parallel from the start), and the installation of
 * a 1 MW UPS (Schneider Electric White Paper 234, the only published fit-out duration here) stands
 * in for the commissioning of the whole 100 MW site, for which no source gives a duration.
 */
import { DistributionName } from "./distributions";

const WEEK = 7 / 30.4375;
const YEAR = 12;

export interface TemplateTask {
  name: string;
  predecessors: string;
  min: number;
  likely: number;
  max: number;
  distribution: DistributionName;
  mw: number;
  group: string;
  source: string;
}

const row = (
  name: string,
  predecessors: string,
  [min, likely, max]: [number, number, number],
  unit: number,
  distribution: DistributionName,
  group: string,
  source: string,
  mw = 0,
): TemplateTask => ({
  name,
  predecessors,
  min: min * unit,
  likely: likely * unit,
  max: max * unit,
  distribution,
  mw,
  group,
  source,
});

export const GREENFIELD_TEMPLATE: readonly TemplateTask[] = [
  row(
    "Site control",
    "",
    [6, 9, 18],
    1,
    "pert",
    "",
    "build.inc: screening 3–6 months, then site control and feasibility 6–12 months (template: 6 / 9 / 18 months)",
  ),
  row(
    "Permitting",
    "Site control",
    [6, 12, 36],
    1,
    "pert",
    "",
    "build.inc 12–36 months; michaelbommarito.com 6–12 greenfield; ntlconsulting 6–18 (template: 6 / 12 / 36 months)",
  ),
  row(
    "Grid connection",
    "Site control",
    [2, 4, 8],
    YEAR,
    "pert",
    "utility",
    "JLL 2026 Global Data Center Outlook: 4-year national average wait for 100 MW+ loads; Google (Reuters, Jan 2026): 4 to 10 years (template: 2 / 4 / 8 years)",
  ),
  row(
    "Power transformer",
    "Site control",
    [80, 128, 210],
    WEEK,
    "pert",
    "electrical OEMs",
    "Wood Mackenzie (POWER Magazine, 2024-06-26): 120–210 weeks for large units; WoodMac 2025: about 128 weeks (template: 80 / 128 / 210 weeks)",
  ),
  row(
    "Switchgear",
    "Permitting",
    [40, 47, 60],
    WEEK,
    "pert",
    "electrical OEMs",
    "Cushman & Wakefield 2025 lead times: switchgear 46–48 weeks (template: 40 / 47 / 60 weeks)",
  ),
  row(
    "Generators",
    "Permitting",
    [26, 34, 110],
    WEEK,
    "pert",
    "electrical OEMs",
    "Cushman & Wakefield 2025: generators 30–38 weeks, some up to 110 (template: 26 / 34 / 110 weeks; PERT, 110 weeks the bound)",
  ),
  row(
    "Construction",
    "Permitting",
    [12, 20, 36],
    1,
    "pert",
    "",
    "JLL via constructionowners.com: 18–24 months; build.inc and ntlconsulting: 18–36 months (template: 12 / 20 / 36 months)",
  ),
  row(
    "GPU servers",
    "Permitting",
    [26, 39, 52],
    WEEK,
    "pert",
    "",
    "Omdia (Nov 2023): H100 servers 36–52 weeks; Dell (Aug 2023): 39 weeks; tight market (template: 26 / 39 / 52 weeks)",
  ),
  row(
    "UPS installation",
    "Grid connection, Power transformer, Switchgear, Generators, Construction, GPU servers",
    [4, 7, 10],
    WEEK,
    "pert",
    "",
    "Schneider Electric WP234: about 6–8 weeks to install a 1 MW UPS (template: 4 / 7 / 10 weeks); stands in for commissioning, the last step before first power",
    100,
  ),
];

export const TEMPLATE_HEADER = [
  "name",
  "predecessors",
  "min",
  "likely",
  "max",
  "distribution",
  "mw",
  "group",
  "actual",
  "source",
];

/** The template as a sheet range: a header row, then one row per task (actual left empty). */
export function greenfieldTemplateTable(): (string | number)[][] {
  return [
    TEMPLATE_HEADER,
    ...GREENFIELD_TEMPLATE.map((t) => [
      t.name,
      t.predecessors,
      t.min,
      t.likely,
      t.max,
      t.distribution,
      t.mw,
      t.group,
      "",
      t.source,
    ]),
  ];
}
