/**
 * One sheet as a virtualised grid: only the cells in view (and a few rows and columns around them)
 * are rendered, so a sheet whose used range reaches XFD1048576 opens and scrolls like a small one
 * and an edit re-renders the cells in view, not the cells it changed. Columns have the sheet's
 * widths (columns.ts); text runs right over empty cells as in Excel (numbers never do); the pane's
 * cell styles show as src/workbook/excel.ts applies them in Excel, and the numbers of the sheet's
 * colour-scale ranges are shaded (./colorScale.ts) under black or white text, whichever reads better.
 * Row and column headers stay in place while the cells scroll; the sheet's charts float over the
 * cells at their anchor cell and scroll with them, as in Excel (the scroll area reaches below the
 * lowest); the cell being edited gets an editor over it. Keys go to `onKey` (see keys.ts).
 */
import { makeStyles, mergeClasses, tokens, useUncontrolledFocus } from "@fluentui/react-components";
import { memo, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { KeyboardEvent, RefObject } from "react";
import { CHART_ROWS, Style, cell, column, parseCell } from "../scenario/plan";
import type { MemorySheet } from "../workbook/memory";
import { CHART_PIXELS, Chart } from "./Chart";
import { inkOn, shadedCells } from "./colorScale";
import { ColumnLayout, DEFAULT_COLUMN_PIXELS } from "./columns";
import { formatValue } from "./format";
import { MAX_COLUMNS, MAX_ROWS } from "./keys";
import type { EngineWorkbook } from "./workbook";

/** Pixel sizes: a row, the row headers' width, the column headers' height. */
export const ROW_HEIGHT = 22;
const HEADER_WIDTH = 56;
const HEADER_HEIGHT = 22;
/** Rows and columns rendered beyond the view on each side. */
const OVERSCAN = 4;
/** Empty cells a text may run into on its right, as Excel lets text overflow. */
const MAX_OVERFLOW = 8;

const useStyles = makeStyles({
  scroll: { overflow: "auto", flex: 1, position: "relative", outline: "none", background: "#fff" },
  colBar: { position: "sticky", top: 0, zIndex: 3, height: `${HEADER_HEIGHT}px` },
  corner: {
    position: "sticky",
    left: 0,
    zIndex: 4,
    width: `${HEADER_WIDTH}px`,
    height: `${HEADER_HEIGHT}px`,
    background: tokens.colorNeutralBackground3,
  },
  rowBar: { position: "sticky", left: 0, zIndex: 2, width: `${HEADER_WIDTH}px` },
  head: {
    position: "absolute",
    boxSizing: "border-box",
    background: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: "12px",
    lineHeight: `${ROW_HEIGHT - 1}px`,
    textAlign: "center",
    userSelect: "none",
  },
  headActive: { background: tokens.colorNeutralBackground3Selected, color: tokens.colorNeutralForeground1 },
  table: {
    position: "absolute",
    tableLayout: "fixed",
    borderCollapse: "separate",
    borderSpacing: 0,
    fontSize: "12px",
  },
  cell: {
    boxSizing: "border-box",
    height: `${ROW_HEIGHT}px`,
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: "0 4px",
    overflow: "hidden",
    whiteSpace: "nowrap",
    cursor: "cell",
  },
  overflow: { position: "relative", overflow: "visible" },
  // Over the empty cells' gridlines, as in Excel; a selected cell's outline stays on top (zIndex).
  spill: {
    position: "absolute",
    left: "4px",
    top: "1px",
    bottom: "1px",
    overflow: "hidden",
    pointerEvents: "none",
    background: "#fff",
  },
  selected: {
    position: "relative",
    zIndex: 1,
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
  },
  // The pane's styles as the Excel port applies them: 14 pt over Excel's 11 pt is 15 px over the grid's 12.
  title: { fontWeight: "bold", fontSize: "15px" },
  note: { fontStyle: "italic" },
  header: { fontWeight: "bold" },
  input: { color: "#0000FF" },
  output: {},
  frozen: { color: "#808080" },
  error: { color: tokens.colorPaletteRedForeground1 },
  chart: {
    position: "absolute",
    zIndex: 1,
    background: "#fff",
    boxShadow: tokens.shadow4,
    padding: "4px",
  },
  editor: {
    position: "absolute",
    zIndex: 2,
    boxSizing: "border-box",
    height: `${ROW_HEIGHT}px`,
    font: "inherit",
    fontSize: "12px",
    padding: "0 3px",
    border: `2px solid ${tokens.colorBrandStroke1}`,
    outline: "none",
  },
});

/** A chart's anchor cell (beside the used range, one under the other, when it has none). */
const chartCell = (anchor: string | undefined, index: number, usedCols: number): { row: number; col: number } =>
  anchor ? parseCell(anchor.replace(/\$/g, "").split(":")[0]) : { row: 2 + index * 12, col: usedCols + 2 };

/** Where a chart floats: its anchor cell's top-left corner. */
function chartPlace(p: { row: number; col: number }, layout: ColumnLayout): { top: number; left: number } {
  return { top: HEADER_HEIGHT + (p.row - 1) * ROW_HEIGHT, left: HEADER_WIDTH + layout.left(p.col) };
}

interface CellProps {
  address: string;
  text: string;
  align: "left" | "right" | "center";
  error?: string;
  selected: boolean;
  /** Width in pixels a text may run into the empty cells on its right. */
  overflow: number;
  style?: Style;
  /** The cell's colour-scale fill, if it has one. */
  fill?: string;
}

const Cell = memo(function Cell({ address, text, align, error, selected, overflow, style, fill }: CellProps) {
  const styles = useStyles();
  const className = mergeClasses(
    styles.cell,
    overflow ? styles.overflow : undefined,
    style && styles[style],
    error !== undefined ? styles.error : undefined,
    selected ? styles.selected : undefined,
  );
  return (
    <td
      data-address={address}
      title={error || undefined}
      aria-selected={selected}
      className={className}
      data-style={style}
      data-fill={fill}
      style={{ textAlign: align, ...(fill ? { background: fill, color: inkOn(fill) } : {}) }}
    >
      {overflow ? (
        <span className={styles.spill} style={{ width: overflow }}>
          {text}
        </span>
      ) : (
        text
      )}
    </td>
  );
});

export interface GridProps {
  workbook: EngineWorkbook;
  sheet: MemorySheet;
  /** The workbook's change count: the cells in view are read again when it changes. */
  version: number;
  selected: string;
  /** The entry being typed into the selected cell; whether the cell's editor takes the focus, each time `session` changes. */
  editor?: { text: string; focused: boolean; session: number };
  /** Changes when the selected cell must be scrolled into view again (a Go To of the cell already selected). */
  reveal: number;
  gridRef: RefObject<HTMLDivElement>;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onSelect(address: string): void;
  onEdit(): void;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onEditorText(text: string): void;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onKey(e: KeyboardEvent<HTMLElement>): void;
  /** Text the browser pastes into the grid (copied from another program). */
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onPaste(text: string): void;
}

export function Grid({
  workbook,
  sheet,
  version,
  selected,
  editor,
  reveal,
  gridRef,
  onSelect,
  onEdit,
  onEditorText,
  onKey,
  onPaste,
}: GridProps) {
  const styles = useStyles();
  // Tab and Shift+Tab move the selection (keys.ts): Fluent's focus manager must leave them to the grid.
  const uncontrolled = useUncontrolledFocus();
  const [view, setView] = useState({ top: 0, left: 0, width: 800, height: 600 });
  const { rows: usedRows, cols: usedCols } = useMemo(() => workbook.usedRange(sheet.name), [workbook, sheet, version]);
  const at = parseCell(selected);
  const layout = useMemo(() => new ColumnLayout(sheet.columns), [sheet.columns]);
  // The scroll handler compares column windows with the layout drawn last.
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const fills = useMemo(
    () => shadedCells(sheet, (a) => workbook.errorAt(sheet.name, a) !== undefined),
    [workbook, sheet, version],
  );
  const anchors = sheet.charts.map((spec, i) => chartCell(spec.anchor, i, usedCols));
  // Rows (as tall as Excel draws a chart) and columns the charts cover, so each can be scrolled to whole.
  const chartRows = Math.max(0, ...anchors.map((p) => p.row + CHART_ROWS));
  const chartCols = Math.max(0, ...anchors.map((p) => layout.at(layout.left(p.col) + CHART_PIXELS)));

  // The scroll area covers the used range and the selection, plus a screen more to scroll into.
  const screenRows = Math.ceil(view.height / ROW_HEIGHT);
  const screenCols = Math.ceil(view.width / DEFAULT_COLUMN_PIXELS);
  const rows = Math.min(MAX_ROWS, Math.max(usedRows, chartRows, at.row) + screenRows);
  const cols = Math.min(MAX_COLUMNS, Math.max(usedCols, chartCols, at.col) + screenCols);
  const r0 = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const r1 = Math.min(rows, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  // c0 and c1 count columns, as r0 and r1 count rows: the window is columns c0 + 1 .. c1.
  const c0 = Math.max(0, layout.at(view.left) - 1 - OVERSCAN);
  const c1 = Math.min(cols, layout.at(view.left + view.width) + OVERSCAN);

  const measure = () => {
    const el = gridRef.current;
    if (!el) return;
    const next = {
      top: el.scrollTop,
      left: el.scrollLeft,
      width: el.clientWidth - HEADER_WIDTH,
      height: el.clientHeight - HEADER_HEIGHT,
    };
    // Re-render only when the window of rows or columns in view changes.
    const columnAt = (x: number) => layoutRef.current.at(x);
    setView((v) =>
      Math.floor(v.top / ROW_HEIGHT) === Math.floor(next.top / ROW_HEIGHT) &&
      columnAt(v.left) === columnAt(next.left) &&
      v.width === next.width &&
      v.height === next.height
        ? v
        : next,
    );
  };
  useLayoutEffect(() => {
    measure();
    const el = gridRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected cell in view when it moves (keys, the Name Box).
  useLayoutEffect(() => {
    const el = gridRef.current;
    if (!el) return;
    const top = (at.row - 1) * ROW_HEIGHT;
    const left = layout.left(at.col);
    const right = left + layout.width(at.col);
    const height = el.clientHeight - HEADER_HEIGHT;
    const width = el.clientWidth - HEADER_WIDTH;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + height) el.scrollTop = top + ROW_HEIGHT - height;
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (right > el.scrollLeft + width) el.scrollLeft = Math.min(left, right - width);
    measure();
  }, [selected, sheet, reveal]);

  const editorRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const input = editorRef.current;
    if (input && editor?.focused && document.activeElement !== input) {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  }, [editor?.session, editor?.focused]);

  const columns = Array.from({ length: c1 - c0 }, (_, i) => c0 + i + 1);
  const lines = Array.from({ length: r1 - r0 }, (_, i) => r0 + i + 1);
  const target = (e: { target: EventTarget }) =>
    (e.target as HTMLElement).closest?.("td[data-address]")?.getAttribute("data-address") ?? undefined;

  return (
    <div
      ref={gridRef}
      {...uncontrolled}
      className={styles.scroll}
      tabIndex={0}
      onScroll={measure}
      onKeyDown={(e) => e.target === e.currentTarget && onKey(e)}
      onPaste={(e) => {
        if (e.target !== e.currentTarget) return;
        e.preventDefault();
        onPaste(e.clipboardData.getData("text/plain"));
      }}
    >
      <div
        style={{
          position: "relative",
          width: HEADER_WIDTH + layout.left(cols + 1),
          height: HEADER_HEIGHT + rows * ROW_HEIGHT,
        }}
      >
        <div className={styles.colBar} aria-hidden>
          <div className={styles.corner} />
          {columns.map((c) => (
            <div
              key={c}
              className={`${styles.head} ${c === at.col ? styles.headActive : ""}`}
              style={{
                left: HEADER_WIDTH + layout.left(c),
                top: 0,
                width: layout.width(c),
                height: HEADER_HEIGHT,
              }}
            >
              {column(c)}
            </div>
          ))}
        </div>
        <div className={styles.rowBar} style={{ height: rows * ROW_HEIGHT }} aria-hidden>
          {lines.map((r) => (
            <div
              key={r}
              className={`${styles.head} ${r === at.row ? styles.headActive : ""}`}
              style={{ top: (r - 1) * ROW_HEIGHT, left: 0, width: HEADER_WIDTH, height: ROW_HEIGHT }}
            >
              {r}
            </div>
          ))}
        </div>
        <table
          className={styles.table}
          aria-label={`Sheet ${sheet.name}`}
          aria-rowcount={rows}
          aria-colcount={cols}
          style={{
            top: HEADER_HEIGHT + r0 * ROW_HEIGHT,
            left: HEADER_WIDTH + layout.left(c0 + 1),
            width: layout.left(c1 + 1) - layout.left(c0 + 1),
          }}
          onClick={(e) => {
            const a = target(e);
            if (a) onSelect(a);
          }}
          onDoubleClick={(e) => target(e) && onEdit()}
        >
          <colgroup>
            {columns.map((c) => (
              <col key={c} style={{ width: layout.width(c) }} />
            ))}
          </colgroup>
          <tbody>
            {lines.map((r) => (
              <tr key={r} aria-rowindex={r}>
                {columns.map((c, i) => {
                  const a = cell(r, c);
                  const content = sheet.cells.get(a);
                  const fault = workbook.errorAt(sheet.name, a);
                  const v = content?.value ?? null;
                  const text = content ? formatValue(v, content.format) : "";
                  // Left-aligned text runs over the empty cells on its right, as in Excel.
                  let overflow = 0;
                  if (typeof v === "string" && !fault && v !== "") {
                    let k = 0;
                    while (k < MAX_OVERFLOW && i + k + 1 < columns.length) {
                      const next = sheet.cells.get(cell(r, columns[i + k + 1]));
                      if (next && (next.value !== null || next.formula !== undefined)) break;
                      k++;
                    }
                    if (k) overflow = layout.left(c + k + 1) - layout.left(c) - 9;
                  }
                  return (
                    <Cell
                      key={c}
                      address={a}
                      text={text}
                      align={fault || typeof v === "boolean" ? "center" : typeof v === "number" ? "right" : "left"}
                      error={fault ? (fault.message ?? "") : undefined}
                      selected={a === selected}
                      overflow={overflow}
                      style={content?.style}
                      fill={fills.get(a)}
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {sheet.charts.map((spec, i) => {
          const place = chartPlace(anchors[i], layout);
          return (
            <div key={spec.name} className={styles.chart} style={place}>
              <Chart spec={spec} sheet={sheet} />
            </div>
          );
        })}
        {editor && (
          <input
            ref={editorRef}
            aria-label="Cell editor"
            className={styles.editor}
            style={{
              top: HEADER_HEIGHT + (at.row - 1) * ROW_HEIGHT,
              left: HEADER_WIDTH + layout.left(at.col),
              minWidth: layout.width(at.col),
              width: Math.max(layout.width(at.col), editor.text.length * 7 + 12),
            }}
            value={editor.text}
            onChange={(e) => onEditorText(e.target.value)}
            onKeyDown={onKey}
          />
        )}
      </div>
    </div>
  );
}
