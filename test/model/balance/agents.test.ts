import { agentBusyFraction, agentCpuCores } from "../../../src/model";

// Raj, Wang & Krishna, arXiv 2511.00739: "Tool processing on CPUs can take up to 90.6% of the total latency"
// (their worst case). One tool call of 0.906 s against LLM time 0.047 s × 2 calls = 0.094 s reproduces it.
const raj = { llmS: 0.047, toolCpuS: 0.906, storageS: 0, networkS: 0, toolCalls: 1 };

describe("agent loop", () => {
  test("tool processing at 90.6% of latency (the paper's worst case) leaves a lone loop's accelerator 9.4% busy", () => {
    expect(agentBusyFraction(raj, 1)).toBeCloseTo(0.094, 10);
  });

  test("concurrent loops fill each other's waits, up to fully busy", () => {
    expect(agentBusyFraction(raj, 5)).toBeCloseTo(0.47, 10);
    expect(agentBusyFraction(raj, 10)).toBeCloseTo(0.94, 10);
    expect(agentBusyFraction(raj, 11)).toBe(1);
  });

  test("keeping the accelerator busy takes CPU-seconds per accelerator-second of cores: 0.906 / 0.094 = 9.64", () => {
    expect(agentCpuCores(raj, 1)).toBeCloseTo(9.6383, 4);
    // One loop (busy 0.094): one task per 1.0 s, 0.906 CPU-s each, so 0.906 cores.
    expect(agentCpuCores(raj, agentBusyFraction(raj, 1))).toBeCloseTo(0.906, 10);
    // Sized for 50% busy: half of 9.6383.
    expect(agentCpuCores(raj, 0.5)).toBeCloseTo(4.8191, 4);
  });

  test("storage and network waits idle the accelerator but not the CPUs", () => {
    const waits = { ...raj, storageS: 0.5, networkS: 0.5 };
    // 0.094 / (0.094 + 0.906 + 0.5 + 0.5) = 0.094 / 2 = 0.047
    expect(agentBusyFraction(waits, 1)).toBeCloseTo(0.047, 12);
    expect(agentCpuCores(waits, 1)).toBeCloseTo(9.6383, 4);
  });

  test("LATS-style tasks (71 LLM calls per request, Kim et al. arXiv 2506.04301): 70 tool calls per task", () => {
    // Illustrative times: 71 × 0.5 s = 35.5 s on the accelerator, 70 × (0.2 + 0.1 + 0.3) = 42 s waiting;
    // busy = 35.5 / 77.5 = 0.45806; cores at full load = 70 × 0.2 / 35.5 = 0.39437.
    const lats = { llmS: 0.5, toolCpuS: 0.2, storageS: 0.1, networkS: 0.3, toolCalls: 70 };
    expect(agentBusyFraction(lats, 1)).toBeCloseTo(0.45806, 5);
    expect(agentCpuCores(lats, 1)).toBeCloseTo(0.39437, 5);
  });
});
