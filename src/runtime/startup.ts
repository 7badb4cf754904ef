/**
 * Shared-runtime start-up. Asks Office to load the runtime when a workbook that uses the add-in
 * opens, so INFRA functions calculate before anyone opens the task pane (otherwise cells can
 * sit at #BUSY! until the pane is touched: office-js #1395, xlwings-server #261).
 * Bundled into functions.js, which the page loads before the task pane's UI code.
 */
if (typeof Office !== "undefined") {
  Office.onReady(() => {
    if (Office.addin?.setStartupBehavior) {
      Office.addin.setStartupBehavior(Office.StartupBehavior.load).catch((error: unknown) => {
        console.warn("Balance Point: could not set the start-up behaviour", error);
      });
    }
  });
}
