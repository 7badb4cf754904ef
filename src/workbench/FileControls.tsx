/**
 * The workbench's file controls: export the workbook as an .xlsx file and import one. ExcelJS
 * loads on first use (a chunk of its own), so the page starts without it. A file that cannot be
 * read leaves the workbook as it was, and the page says why.
 */
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import type { EngineWorkbook } from "./workbook";

export const EXPORT_NAME = "balance-point.xlsx";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Larger files are refused rather than parsed in the page. */
const MAX_BYTES = 50 * 1024 * 1024;

const useStyles = makeStyles({
  button: { flexShrink: 0, whiteSpace: "nowrap" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const reason = (e: unknown) => (e instanceof Error && e.message ? e.message : String(e));

export function FileControls({ workbook }: { workbook: EngineWorkbook }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ error: boolean; text: string }>();

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

  const importFile = (file: File) =>
    run(
      async () => {
        if (file.size > MAX_BYTES) throw new Error(`it is larger than ${MAX_BYTES / 1024 / 1024} MB`);
        const { importXlsx } = await import("./xlsx");
        await importXlsx(await file.arrayBuffer(), workbook);
        return `Imported ${file.name}.`;
      },
      `Could not import "${file.name}"`,
      " The workbook is unchanged.",
    );

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
          if (file) void importFile(file);
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
    </>
  );
}
