/**
 * The workbench page: the real task pane (same App, given the engine-backed workbook) beside a
 * grid of the workbook's visible sheets, with tabs, a formula bar whose argument help comes from
 * functions.json, and the generated sheets' charts drawn from their cells.
 */
import { Caption1, Input, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { App } from "../taskpane/App";
import { cell, cellsOf, parseCell } from "../scenario/plan";
import { EngineWorkbook } from "./workbook";
import { FunctionsJson, PREFIX } from "./engine";
import { formatValue, parseInput } from "./format";
import { Chart } from "./Chart";
import { FileControls } from "./FileControls";

const useStyles = makeStyles({
  root: { display: "flex", height: "100vh", fontFamily: tokens.fontFamilyBase },
  book: { flex: 1, display: "flex", flexDirection: "column", minWidth: 0, padding: tokens.spacingHorizontalS },
  pane: { width: "380px", overflowY: "auto", borderLeft: `1px solid ${tokens.colorNeutralStroke1}` },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  scroll: { overflow: "auto", flex: 1 },
  grid: { borderCollapse: "collapse", fontSize: "12px" },
  head: { background: tokens.colorNeutralBackground3, padding: "0 4px", color: tokens.colorNeutralForeground3 },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "1px 4px",
    minWidth: "72px",
    maxWidth: "220px",
    overflow: "hidden",
    whiteSpace: "nowrap",
    cursor: "cell",
  },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  error: { color: tokens.colorPaletteRedForeground1 },
  charts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM },
});

/** The innermost `INFRA.NAME(` still open at the end of `text`, and the index of the argument being typed. */
export function activeCall(text: string): { id: string; arg: number } | undefined {
  // String literals and quoted sheet names are not code: their brackets and commas do not count.
  const code = text.replace(/"(?:[^"]|"")*"?|'(?:[^']|'')*'?/g, (s) => " ".repeat(s.length));
  const open: { id?: string; arg: number }[] = [];
  for (const [token, , id] of code.matchAll(/(INFRA\.([A-Z_0-9]+)\s*)?\(|\)|,/gi)) {
    if (token === ")") open.pop();
    else if (token !== ",") open.push({ id: id?.toUpperCase(), arg: 0 });
    else if (open.length) open[open.length - 1].arg++;
  }
  const call = open.reverse().find((c) => c.id);
  return call && { id: call.id!, arg: call.arg };
}

export function Workbench({ workbook, metadata }: { workbook: EngineWorkbook; metadata: FunctionsJson }) {
  const styles = useStyles();
  const version = useSyncExternalStore(
    (l) => workbook.subscribe(l),
    () => workbook.lastChange,
  );
  const visible = workbook.sheets.filter((s) => s.visibility === "visible");
  const sheet = workbook.sheet(workbook.active ?? "") ?? visible[0];
  const [selected, setSelected] = useState("A1");
  const [text, setText] = useState("");
  const current = sheet?.cells.get(selected);
  const stored =
    current?.formula ?? (current?.value === null || current?.value === undefined ? "" : String(current.value));
  // The bar shows the selected cell's content again only when that changes, not on every recalculation.
  useEffect(() => setText(stored), [sheet?.name, selected, stored]);

  const [rows, cols] = useMemo(() => {
    let [r, c] = [30, 10];
    for (const a of sheet?.cells.keys() ?? []) {
      const p = parseCell(a);
      [r, c] = [Math.max(r, p.row + 2), Math.max(c, p.col + 1)];
    }
    return [r, c];
  }, [sheet, version]);

  const help = activeCall(text);
  const fn = help && metadata.functions.find((f) => f.id === help.id);
  const error = sheet && workbook.errorAt(sheet.name, selected);
  const commit = () => sheet && workbook.setCell(sheet.name, selected, parseInput(text));

  return (
    <div className={styles.root}>
      <section className={styles.book} aria-label="Workbook">
        <div className={styles.bar}>
          <Caption1 aria-label="Selected cell">{selected}</Caption1>
          <Input
            aria-label="Formula bar"
            style={{ flex: 1 }}
            value={text}
            disabled={!sheet}
            onChange={(_, d) => setText(d.value)}
            onKeyDown={(e) => e.key === "Enter" && commit()}
          />
          <FileControls workbook={workbook} />
        </div>
        {fn && (
          <Caption1 role="note" aria-label="Argument help">
            {PREFIX}
            {fn.id}(
            {fn.parameters.map((p, i) => (
              <span key={p.name}>
                {i ? ", " : ""}
                {i === help!.arg ? <b>{p.optional ? `[${p.name}]` : p.name}</b> : p.optional ? `[${p.name}]` : p.name}
              </span>
            ))}
            ) {fn.parameters[help!.arg]?.description ?? fn.description}
          </Caption1>
        )}
        {error && (
          <Caption1 role="alert" className={styles.error}>
            {current?.value}
            {error.message ? `: ${error.message}` : ""}
          </Caption1>
        )}
        <TabList selectedValue={sheet?.name ?? ""} onTabSelect={(_, d) => workbook.activate(String(d.value))}>
          {visible.map((s) => (
            <Tab key={s.name} value={s.name}>
              {s.name}
            </Tab>
          ))}
        </TabList>
        <div className={styles.scroll}>
          {sheet ? (
            <table className={styles.grid} aria-label={`Sheet ${sheet.name}`}>
              <tbody>
                <tr>
                  <th className={styles.head} />
                  {cellsOf(`A1:${cell(1, cols)}`)[0].map((p) => (
                    <th key={p.col} className={styles.head}>
                      {cell(1, p.col).replace(/[0-9]+$/, "")}
                    </th>
                  ))}
                </tr>
                {cellsOf(`A1:${cell(rows, cols)}`).map((line, r) => (
                  <tr key={r}>
                    <th className={styles.head}>{r + 1}</th>
                    {line.map((p) => {
                      const a = cell(p.row, p.col);
                      const c = sheet.cells.get(a);
                      const err = workbook.errorAt(sheet.name, a);
                      return (
                        <td
                          key={a}
                          data-address={a}
                          title={err?.message}
                          className={`${styles.cell} ${a === selected ? styles.selected : ""} ${err ? styles.error : ""}`}
                          style={{ textAlign: typeof c?.value === "number" ? "right" : "left" }}
                          onClick={() => setSelected(a)}
                        >
                          {c ? formatValue(c.value, c.format) : ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Caption1>No sheets yet: build a scenario with the wizard.</Caption1>
          )}
          <div className={styles.charts}>
            {sheet?.charts.map((c) => (
              <Chart key={c.name} spec={c} sheet={sheet} />
            ))}
          </div>
        </div>
      </section>
      <aside className={styles.pane} aria-label="Task pane">
        <App key={workbook.generation} workbook={workbook} />
      </aside>
    </div>
  );
}
