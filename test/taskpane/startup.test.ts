import { loadWithWorkbook } from "../../src/runtime/startup";

/** The slice of the Office namespace that start-up touches. */
function mockOffice(addin: Record<string, unknown> | undefined) {
  return {
    StartupBehavior: { load: "Load", none: "None" },
    addin,
    onReady: (callback: () => void) => callback(),
  } as unknown as typeof Office;
}

describe("shared-runtime start-up", () => {
  test("asks Office to load the runtime with the workbook, so functions work before the pane opens", async () => {
    const calls: unknown[] = [];
    loadWithWorkbook(mockOffice({ setStartupBehavior: async (behavior: unknown) => void calls.push(behavior) }));
    await Promise.resolve();
    expect(calls).toEqual(["Load"]);
  });

  test("a host without the shared-runtime API is left alone", () => {
    expect(() => loadWithWorkbook(mockOffice({}))).not.toThrow();
  });

  test("a refusal from the host is logged, not thrown", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    loadWithWorkbook(mockOffice({ setStartupBehavior: () => Promise.reject(new Error("not supported")) }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warn).toHaveBeenCalledWith("Balance Point: could not set the start-up behaviour", expect.any(Error));
    warn.mockRestore();
  });
});
