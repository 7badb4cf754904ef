import { agentBusyFraction, agentCpuCores } from "../../../src/model";

// Raj, Wang & Krishna, arXiv 2511.00739: "Tool processing on CPUs can take up to 90.6% of the total latency".
const raj = { llmS: 0.047, toolCpuS: 0.906, storageS: 0, networkS: 0, toolCalls: 1 };

describe("agent loop", () => {
  test("tool processing at 90.6% of latency leaves a lone loop's accelerator 9.4% busy", () => {
    expect(agentBusyFraction(raj, 1)).toBeCloseTo(0.094, 10);
  });

  test("concurrent loops fill each other's waits, up to fully busy", () => {
    expect(agentBusyFraction(raj, 5)).toBeCloseTo(0.47, 10);
    expect(agentBusyFraction(raj, 10)).toBeCloseTo(0.94, 10);
    expect(agentBusyFraction(raj, 11)).toBe(1);
  });

  test("keeping the accelerator busy takes CPU-seconds per accelerator-second of cores: 0.906 / 0.094 = 9.64", () => {
    expect(agentCpuCores(raj)).toBeCloseTo(0.906 / 0.094, 10);
    expect(agentCpuCores(raj, 1)).toBeCloseTo(0.906, 10); // one loop: one core busy 90.6% of the time
  });

  test("storage and network waits idle the accelerator but not the CPUs", () => {
    const waits = { ...raj, storageS: 0.5, networkS: 0.5 };
    expect(agentBusyFraction(waits, 1)).toBeCloseTo(0.094 / (0.094 + 0.906 + 1), 12);
    expect(agentBusyFraction(waits, 1)).toBeLessThan(agentBusyFraction(raj, 1));
    expect(agentCpuCores(waits)).toBeCloseTo(agentCpuCores(raj), 12);
  });

  test("LATS-style tasks (71 LLM calls per request, Kim et al. arXiv 2506.04301): 70 tool calls per task", () => {
    const lats = { llmS: 0.5, toolCpuS: 0.2, storageS: 0.1, networkS: 0.3, toolCalls: 70 };
    expect(agentBusyFraction(lats, 1)).toBeCloseTo((71 * 0.5) / (71 * 0.5 + 70 * 0.6), 12);
  });
});
