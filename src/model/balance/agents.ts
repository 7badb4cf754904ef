/**
 * An agent loop on one accelerator (Raj, Wang, Krishna, "A CPU-Centric Perspective on
 * Agentic AI", arXiv 2511.00739). A task alternates LLM
 * calls on the accelerator with tool calls that wait on CPUs, storage and the network: with c
 * tool calls it makes c + 1 LLM calls of `llmS` accelerator-seconds each (re-prefill after a KV
 * eviction belongs in `llmS`) and c tool calls of `toolCpuS + storageS + networkS` seconds.
 * A lone loop keeps the accelerator busy T_accel / (T_accel + T_serial) of the time, the duty
 * cycle that Raj et al. measure as the share of latency outside tool processing; `concurrency` independent loops sharing the accelerator fill
 * each other's waits, up to fully busy (a closed system without queueing for CPUs). The CPU cores
 * that keep the tool calls from queueing at a given accelerator busy fraction follow from
 * Little's law: tasks per second × CPU-seconds per task.
 *
 * Raj, Wang & Krishna, "A CPU-Centric Perspective on Agentic AI" (arXiv 2511.00739): "Tool
 * processing on CPUs can take up to 90.6% of the total latency". That is their worst case: there
 * a lone loop keeps the accelerator as little as 9.4% busy; their other workloads do better.
 */
export interface AgentLoop {
  llmS: number;
  toolCpuS: number;
  storageS: number;
  networkS: number;
  toolCalls: number;
}

const acceleratorS = (a: AgentLoop) => (a.toolCalls + 1) * a.llmS;
const waitS = (a: AgentLoop) => a.toolCalls * (a.toolCpuS + a.storageS + a.networkS);

/** Share of time the accelerator computes with `concurrency` loops sharing it. */
export function agentBusyFraction(a: AgentLoop, concurrency: number): number {
  const busy = acceleratorS(a);
  return Math.min(1, (concurrency * busy) / (busy + waitS(a)));
}

/** CPU cores per accelerator the tool calls keep busy while the accelerator is `busyFraction` busy (Little's law). */
export function agentCpuCores(a: AgentLoop, busyFraction: number): number {
  const tasksPerS = busyFraction / acceleratorS(a);
  return tasksPerS * a.toolCalls * a.toolCpuS;
}
