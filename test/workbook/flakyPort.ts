/** An in-memory workbook behind a port whose named operations fail until healed, as Excel's calls can. */
import { MemoryWorkbook } from "../../src/workbook/memory";
import { WorkbookPort } from "../../src/workbook/port";

/**
 * `wb` behind a port: an operation whose name is in `broken` fails with "The workbook is busy
 * (<name>)." — "before" doing anything (as Excel's calls do in cell-edit mode), or "after" doing its
 * work (as an Excel batch can fail after its first sync). Other calls pass through unchanged.
 */
export function flakyPort(wb: MemoryWorkbook, when: "before" | "after") {
  const broken = new Set<string>();
  const port = new Proxy(wb, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const name = String(prop);
        if (!broken.has(name)) return value.apply(target, args);
        const busy = new Error(`The workbook is busy (${name}).`);
        if (when === "before") return Promise.reject(busy);
        return Promise.resolve(value.apply(target, args)).then(() => {
          throw busy;
        });
      };
    },
  }) as WorkbookPort;
  return { port, broken };
}
