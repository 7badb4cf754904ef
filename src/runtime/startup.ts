/**
 * Shared-runtime start-up. Asks Office to load the runtime when a workbook that uses the add-in
 * opens, so INFRA functions calculate before anyone opens the task pane (otherwise cells can
 * sit at #BUSY! until the pane is touched: office-js #1395, xlwings-server #261).
 * Bundled into functions.js, which the page loads before the task pane's UI code.
 */
export function loadWithWorkbook(office: typeof Office): void {
  office.onReady(() => {
    if (!office.addin?.setStartupBehavior) return; // hosts without SharedRuntime 1.1
    office.addin.setStartupBehavior(office.StartupBehavior.load).catch((error: unknown) => {
      console.warn("Balance Point: could not set the start-up behaviour", error);
    });
  });
}

if (typeof Office !== "undefined") loadWithWorkbook(Office);
