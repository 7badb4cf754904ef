/**
 * The workbench's file controls: export the workbook as an .xlsx file and import one. ExcelJS
 * loads on first use (a chunk of its own), so the page starts without it. A file that cannot be
 * read, holds no worksheet or is too large (./xlsxLimits.ts) leaves the workbook as it was, and the
 * page says why. Importing over a workbook that holds anything asks first, in the page, and an
 * import can be undone (Undo import, or Ctrl+Z).
 */
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState, useSyncExternalStore } from "react";
import type { EngineWorkbook } from "./workbook";

export const EXPORT_NAME = "balance-point.xlsx";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  button: { flexShrink: 0, whiteSpace: "nowrap" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** A failure in the user's words: an engine's or parser's internal message is not shown. */
const reason = (e: unknown) =>
  e instanceof Error && e.message && !(e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError)
    ? e.message
    : "it could not be read (it is damaged or not an .xlsx workbook)";

/** Whether the workbook holds anything an import would replace. */
const holdsWork = (workbook: EngineWorkbook) => workbook.sheets.some((s) => s.cells.size > 0);

export function FileControls({ workbook }: { workbook: EngineWorkbook }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  /** The outcome shown; `undo`: the import's undo step, offered as Undo import while it is the one Ctrl+Z would undo. */
  const [status, setStatus] = useState<{ error: boolean; text: string; undo?: number }>();
  const next = useSyncExternalStore(
    (l) => workbook.subscribe(l),
    () => workbook.nextUndo,
  );
  /** The file waiting for the user's go-ahead to replace the workbook. */
  const [pending, setPending] = useState<File>();

  /** Runs `work`, then shows its outcome, or the failure's reason between `before` and `after`. */
  const run = async (work: () => Promise<string>, before: string, after = "") => {
    setBusy(true);
    try {
      setStatus({ error: false, text: await work() });
    } catch (e) {
      setStatus({ error: true, text: `${before}: ${reason(e)}.${after}` });
    } finally {
      setBusy(false);
    }
  };

  const exportFile = () =>
    run(async () => {
      const { exportXlsx } = await import("./xlsx");
      const url = URL.createObjectURL(new Blob([await exportXlsx(workbook)], { type: XLSX_TYPE }));
      const link = document.createElement("a");
      link.href = url;
      link.download = EXPORT_NAME;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return `Exported ${EXPORT_NAME}.`;
    }, "The export failed");

  const importFile = async (file: File) => {
    await run(
      async () => {
        const { importXlsx } = await import("./xlsx");
        await importXlsx(await file.arrayBuffer(), workbook);
        return `Imported ${file.name}.`;
      },
      `Could not import "${file.name}"`,
      " The workbook is unchanged.",
    );
    setStatus((s) => (s && !s.error ? { ...s, undo: workbook.nextUndo } : s));
  };

  const undoImport = () => {
    workbook.undo();
    setStatus({ error: false, text: "Import undone: the workbook is as it was." });
  };

  return (
    <>
      <Button
        size="small"
        className={styles.button}
        data-testid="export-xlsx"
        disabled={busy}
        onClick={() => void exportFile()}
      >
        Export .xlsx
      </Button>
      <Button size="small" className={styles.button} disabled={busy} onClick={() => input.current?.click()}>
        Import .xlsx
      </Button>
      <input
        ref={input}
        type="file"
        accept=".xlsx"
        hidden
        aria-label="Import .xlsx"
        data-testid="import-xlsx"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file && holdsWork(workbook)) setPending(file);
          else if (file) void importFile(file);
        }}
      />
      {status && (
        <Caption1
          role={status.error ? "alert" : "status"}
          data-testid="file-status"
          className={status.error ? styles.error : undefined}
        >
          {status.text}
        </Caption1>
      )}
      {status?.undo !== undefined && status.undo === next && (
        <Button size="small" className={styles.button} data-testid="undo-import" onClick={undoImport}>
          Undo import
        </Button>
      )}
      <Dialog open={!!pending} onOpenChange={(_, d) => !d.open && setPending(undefined)}>
        <DialogSurface aria-label="Replace the workbook?">
          <DialogBody>
            <DialogTitle>Replace this workbook?</DialogTitle>
            <DialogContent>
              Importing &quot;{pending?.name}&quot; replaces every sheet of this workbook, its scenarios included. You
              can undo the import afterwards (Undo import, or Ctrl+Z); export first to keep a copy.
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  const file = pending!;
                  setPending(undefined);
                  void importFile(file);
                }}
              >
                Replace
              </Button>
              <Button onClick={() => setPending(undefined)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
