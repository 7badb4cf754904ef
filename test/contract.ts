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

const deratingParams = ["[utilization]", "[goodput]", "[oversubscription]"];
const tcoParams = [
  "it_mw",
  "facility_capex_per_mw",
  "it_capex_usd",
  "power_price_per_mwh",
  "[pue]",
  "[it_life_years]",
  "[facility_life_years]",
  "[discount_rate]",
  "[load_factor]",
];

const balanceParams = [
  "chip",
  "flops",
  "hbm_bytes",
  "[network_bytes]",
  "[storage_bytes]",
  "[resident_bytes]",
  "[precision]",
  "[chips]",
];
const agentParams = ["llm_s", "tool_cpu_s", "[storage_s]", "[network_s]", "[tool_calls_per_task]", "[concurrency]"];

export const CONTRACT: Record<string, ContractEntry> = {
  JOB_MTBF: { params: ["units", "unit_mtbf_hours"] },
  SURVIVAL: { params: ["units", "unit_mtbf_hours", "hours"] },
  CKPT_INTERVAL: { params: ["ckpt_write_min", "job_mtbf_hours", "[method]"] },
  ETTR: { params: ["job_mtbf_hours", "ckpt_interval_min", "ckpt_write_min", "restart_min", "[requeue_min]"] },
  GOODPUT: { params: goodputParams },
  GOODPUT_BREAKDOWN: { params: goodputParams, spills: true },
  SPARES_NEEDED: { params: ["nodes", "node_mtbf_hours", "repair_hours", "target_probability"] },
  USABLE_FRACTION: { params: ["topology", "[modules_needed]"] },
  AVAILABILITY: { params: ["topology", "module_availability", "[modules_needed]", "[common_cause_beta]"] },
  MODULE_AVAILABILITY: { params: ["mtbf_hours", "mttr_hours"] },
  DOWNTIME: { params: ["availability", "[unit]"] },
  NINES: { params: ["availability"] },
  EFFECTIVE_MW: { params: ["grid_mw", "pue", "topology", "availability", ...deratingParams] },
  VALUE_PER_GW: { params: ["value_per_effective_mw_year", "pue", "topology", "availability", ...deratingParams] },
  TCO: { params: tcoParams },
  TCO_BREAKDOWN: { params: tcoParams, spills: true },
  // Power family additions beyond DESIGN.md's catalogue (issue 3).
  VALUE_PER_EFFECTIVE_MW: {
    params: ["value_per_year", "grid_mw", "pue", "topology", "availability", ...deratingParams],
  },
  REDUNDANCY_COMPARE: {
    params: ["topologies", "grid_mw", "pue", "module_availability", "[modules_needed]", "[common_cause_beta]"],
    spills: true,
  },
  ACCELERATORS_PER_MW: { params: ["system_kw", "accelerators_per_system"] },
  PATH_AVAILABILITY: {
    params: [
      "topology",
      "module_availability",
      "[modules_needed]",
      "[common_cause_beta]",
      "[path_availability]",
      "[transfer_switch_availability]",
    ],
  },
  UPTIME_TIER: { params: ["tier", "[field]"] },
  UPTIME_TIERS: { params: ["[unit]"], spills: true },
  // System balance (issue 4): DESIGN.md's catalogue, then the family's helpers.
  CHIP: { params: ["name", "field"] },
  CHIPS: { params: ["[chip]"], spills: true },
  RIDGE: { params: ["chip", "[precision]"] },
  ROOFLINE: { params: ["chip", "intensity_flop_per_byte", "[precision]", "[compute_eff]", "[memory_eff]"] },
  BALANCE: { params: balanceParams },
  BOTTLENECK: { params: balanceParams },
  BALANCE_BREAKDOWN: { params: balanceParams, spills: true },
  KV_BYTES: { params: ["layers", "kv_heads", "head_dim", "[tokens]", "[bytes_per_value]"] },
  DECODE_STEP: { params: ["params", "batch", "context_tokens", "kv_bytes_per_token", "[active_params]"], spills: true },
  PREFILL_STEP: { params: ["params", "prompt_tokens", "batch", "kv_bytes_per_token", "[active_params]"], spills: true },
  TRAIN_STEP: { params: ["params", "tokens", "chips", "[active_params]"], spills: true },
  CRITICAL_BATCH: { params: ["chip", "[precision]", "[bytes_per_param]", "[params]", "[active_params]"] },
  MFU: { params: ["tokens_per_s", "params", "chip", "[chips]"] },
  AGENT_BUSY: { params: agentParams },
  AGENT_CPU_CORES: { params: agentParams },
  BUILDOUT: { params: ["tasks", "[trials]", "[seed]", "[percentiles]"], spills: true },
  BUILDOUT_MW: { params: ["tasks", "horizon_months", "[trials]", "[seed]", "[confidence]"], spills: true },
  BUILDOUT_COMPLETION: {
    params: ["tasks", "horizon_months", "[trials]", "[seed]", "[group_correlation]", "[risks]"],
    spills: true,
  },
  PERT: { params: ["min", "likely", "max", "probability"] },
  TRIANGULAR: { params: ["min", "likely", "max", "probability"] },
  UNIFORM: { params: ["min", "max", "probability"] },
  LOGNORMAL: { params: ["min", "likely", "max", "probability"] },
};
