/**
 * The public formula catalogue of ../shared/DESIGN.md, as data: each function's catalogued
 * parameters in order ("[name]" marks an optional one) and whether it spills. Functions may
 * append optional parameters after these, never reorder or rename them.
 */
export interface ContractEntry {
  params: string[];
  spills?: boolean;
}

const goodputParams = [
  "accelerators",
  "accel_mtbf_hours",
  "ckpt_write_min",
  "restart_min",
  "[ckpt_interval_min]",
  "[mfu]",
  "[spares]",
  "[repair_hours]",
];

export const CONTRACT: Record<string, ContractEntry> = {
  JOB_MTBF: { params: ["units", "unit_mtbf_hours"] },
  SURVIVAL: { params: ["units", "unit_mtbf_hours", "hours"] },
  CKPT_INTERVAL: { params: ["ckpt_write_min", "job_mtbf_hours", "[method]"] },
  ETTR: { params: ["job_mtbf_hours", "ckpt_interval_min", "ckpt_write_min", "restart_min", "[requeue_min]"] },
  GOODPUT: { params: goodputParams },
  GOODPUT_BREAKDOWN: { params: goodputParams, spills: true },
  SPARES_NEEDED: { params: ["nodes", "node_mtbf_hours", "repair_hours", "target_probability"] },
};
