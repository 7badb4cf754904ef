/**
 * The workbench page: the real task pane (same App, given the engine-backed workbook) beside the
 * workbook's visible sheets, each a virtualised grid (Grid.tsx) with tabs, a Name Box and a formula
 * bar whose argument help comes from functions.json. Editing works as in Excel (keys.ts): typing
 * replaces, F2 or a double-click edits, Enter/Tab commit and move, Escape cancels, Delete clears,
 * Ctrl+C/Ctrl+V copy and paste within the workbench (relative.ts), Ctrl+Z/Ctrl+Y undo and redo, a
 * click elsewhere commits. An entry keeps the cell's number format and is read as Excel reads it
 * (format.ts); an entry the cell's data validation refuses is not written.
 */
import { Button, Caption1, Input, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { memo, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { KeyboardEvent } from "react";
import { App } from "../taskpane/App";
import { parseCell } from "../scenario/plan";
import type { MemorySheet } from "../workbook/memory";
import type { CellValue } from "../workbook/port";
import { EngineWorkbook } from "./workbook";
import { FunctionsJson, PREFIX } from "./engine";
import { isPercentFormat, readInput } from "./format";
import { FileControls } from "./FileControls";
import { Grid } from "./Grid";
import { EditMode, actionOf, offset } from "./keys";
import { NameBox, goTo } from "./NameBox";
import { shiftFormula } from "./relative";

const useStyles = makeStyles({
  root: { display: "flex", height: "100vh", fontFamily: tokens.fontFamilyBase },
  book: {
    flex: 1,
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    padding: tokens.spacingHorizontalS,
    gap: tokens.spacingVerticalXS,
  },
  pane: { width: "380px", overflowY: "auto", borderLeft: `1px solid ${tokens.colorNeutralStroke1}` },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  error: { color: tokens.colorPaletteRedForeground1 },
  refusal: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorPaletteRedBorder2}`,
    background: tokens.colorPaletteRedBackground1,
  },
});

/** The task pane: it reads the workbook itself, so the grid's re-renders need not reach it. */
const Pane = memo(App);

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

/**
 * A cell's content as the formula bar shows it, so that entering it again stores the same thing:
 * the formula; a number in full (a percentage with its % sign, as Excel shows it, since a plain
 * number typed into a percent cell is read as percent); TRUE/FALSE; text.
 */
export function contentText(c: { value: CellValue; formula?: string; format?: string } | undefined): string {
  if (!c) return "";
  if (c.formula !== undefined) return c.formula;
  const v = c.value;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") {
    const full = (x: number) => String(Number(x.toPrecision(15))).replace("e", "E");
    return isPercentFormat(c.format) ? `${full(v * 100)}%` : full(v);
  }
  // Text that Excel would read as something else keeps its apostrophe.
  return v.startsWith("=") || readInput(v).value !== v ? `'${v}` : v;
}

/** The entry being typed: its text, how (keys.ts), and whether the cell's editor (or the formula bar) has it. */
interface Editing {
  text: string;
  mode: EditMode;
  inCell: boolean;
  /** Counts editing sessions: a new one gives the cell's editor the focus again. */
  session: number;
}

/** An entry the cell's validation refused, kept so that Retry gives it back. */
interface Refusal {
  message: string;
  address: string;
  text: string;
}

export function Workbench({ workbook, metadata }: { workbook: EngineWorkbook; metadata: FunctionsJson }) {
  const styles = useStyles();
  const version = useSyncExternalStore(
    (l) => workbook.subscribe(l),
    () => workbook.lastChange,
  );
  const visible = workbook.sheets.filter((s) => s.visibility === "visible");
  const sheet: MemorySheet | undefined = workbook.sheet(workbook.active ?? "") ?? visible[0];
  const [selections, setSelections] = useState<Record<string, string>>({});
  const selected = (sheet && selections[sheet.name]) ?? "A1";
  const [editing, setEditing] = useState<Editing>();
  const sessions = useRef(0);
  const startEditing = (text: string, mode: EditMode, inCell = true) =>
    setEditing({ text, mode, inCell, session: ++sessions.current });
  const [reveal, setReveal] = useState(0);
  const [refusal, setRefusal] = useState<Refusal>();
  const [notice, setNotice] = useState<string>();
  /** The cell copied with Ctrl+C: where it was, its value and its formula. */
  const clipboard = useRef<{ address: string; value: CellValue; formula?: string }>();
  const gridRef = useRef<HTMLDivElement>(null);

  const current = sheet?.cells.get(selected);
  const stored = contentText(current);
  const text = editing?.text ?? stored;
  const select = (address: string, on = sheet?.name) => on && setSelections((s) => ({ ...s, [on]: address }));
  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });

  /** Stores a value (or a formula) into a cell, unless the cell's validation refuses it; whether it was stored. */
  const store = (address: string, value: CellValue, format?: string, typed = String(value ?? "")): boolean => {
    if (!sheet) return false;
    const problem = workbook.validationProblem(sheet.name, address, value);
    if (problem) {
      setRefusal({ message: problem, address, text: typed });
      return false;
    }
    workbook.setCell(sheet.name, address, value, format);
    return true;
  };
  /** Writes a typed entry into a cell, read as Excel reads it in that cell's format. */
  const write = (address: string, entry: string): boolean => {
    const { value, format } = readInput(entry, sheet?.cells.get(address)?.format);
    return store(address, value, format, entry);
  };

  /** Commits the entry being typed, then moves the selection; false (and nothing moves) when refused. */
  const commit = (rows: number, cols: number): boolean => {
    if (!sheet) return false;
    if (editing && editing.text !== stored && !write(selected, editing.text)) return false;
    setEditing(undefined);
    select(offset(selected, rows, cols));
    focusGrid();
    return true;
  };
  const cancel = () => {
    setEditing(undefined);
    focusGrid();
  };

  const paste = () => {
    const from = clipboard.current;
    if (!sheet || !from) return;
    const [a, b] = [parseCell(from.address), parseCell(selected)];
    // A formula's relative references move with it; a value is pasted as it is, not read again as typed.
    const content = from.formula === undefined ? from.value : shiftFormula(from.formula, b.row - a.row, b.col - a.col);
    if (store(selected, content)) setNotice(undefined);
  };

  /** Text pasted from outside the workbench: tab-separated columns, lines as rows, from the selected cell. */
  const pasteText = (pasted: string) => {
    const lines = pasted.replace(/\r?\n$/, "").split(/\r?\n/);
    lines.every((line, r) => line.split("\t").every((t, c) => write(offset(selected, r, c), t)));
  };

  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const action = actionOf(e, editing?.mode);
    if (!action || !sheet) return;
    // Without a copy from the grid, the browser pastes what another program copied (onPaste).
    if (action.kind === "paste" && !clipboard.current) return;
    e.preventDefault();
    switch (action.kind) {
      case "move":
        select(offset(selected, action.rows, action.cols));
        break;
      case "commit":
        commit(action.rows, action.cols);
        break;
      case "cancel":
        cancel();
        break;
      case "edit":
        setRefusal(undefined);
        if (action.text === undefined) startEditing(stored, "edit");
        else startEditing(action.text, "enter");
        break;
      case "clear":
        if (current && (current.value !== null || current.formula !== undefined))
          workbook.setCell(sheet.name, selected, null);
        break;
      case "copy":
        clipboard.current = { address: selected, value: current?.value ?? null, formula: current?.formula };
        navigator.clipboard?.writeText(stored).catch(() => undefined);
        setNotice(`Copied ${selected}.`);
        break;
      case "paste":
        paste();
        break;
      case "undo":
        if (!workbook.undo()) setNotice("Nothing to undo.");
        break;
      case "redo":
        if (!workbook.redo()) setNotice("Nothing to redo.");
        break;
    }
  };

  /** A click on a cell: commits what is being typed first (a refused entry keeps the selection). */
  const onSelect = (address: string) => {
    if (editing && editing.text !== stored && !write(selected, editing.text)) return;
    setEditing(undefined);
    select(address);
  };

  const onGo = (target: string): boolean => {
    const place = sheet && goTo(target, sheet.name, workbook.sheets);
    if (!place) return false;
    if ("error" in place) {
      setNotice(place.error);
      return false;
    }
    if (editing && editing.text !== stored && !write(selected, editing.text)) return false;
    setNotice(undefined);
    setEditing(undefined);
    if (place.sheet !== sheet!.name) void workbook.activate(place.sheet);
    select(place.address, place.sheet);
    setReveal((n) => n + 1);
    focusGrid();
    return true;
  };

  // A copy made elsewhere (another program, the task pane) is what Ctrl+V pastes next.
  useEffect(() => {
    const forget = () => (clipboard.current = undefined);
    window.addEventListener("blur", forget);
    document.addEventListener("copy", forget);
    return () => {
      window.removeEventListener("blur", forget);
      document.removeEventListener("copy", forget);
    };
  }, []);

  // A sheet that goes away (deleted, a file imported) takes its pending entry with it.
  useEffect(() => setEditing(undefined), [sheet?.name, workbook.generation]);

  const help = activeCall(text);
  const fn = help && metadata.functions.find((f) => f.id === help.id);
  const error = sheet && workbook.errorAt(sheet.name, selected);

  return (
    <div className={styles.root}>
      <section className={styles.book} aria-label="Workbook">
        <div className={styles.bar}>
          <NameBox address={selected} onGo={onGo} />
          <Input
            aria-label="Formula bar"
            style={{ flex: 1 }}
            value={text}
            disabled={!sheet}
            onChange={(_, d) =>
              editing ? setEditing({ ...editing, text: d.value, inCell: false }) : startEditing(d.value, "edit", false)
            }
            onKeyDown={(e) => {
              const action = actionOf(e, "edit");
              if (action?.kind === "commit") {
                e.preventDefault();
                commit(action.rows, action.cols);
              } else if (action?.kind === "cancel") {
                e.preventDefault();
                cancel();
              }
            }}
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
        {error && !editing && (
          <Caption1 role="alert" className={styles.error}>
            {current?.value}
            {error.message ? `: ${error.message}` : ""}
          </Caption1>
        )}
        {refusal && (
          <div role="alertdialog" aria-label="Entry refused" className={styles.refusal}>
            <Caption1>
              {refusal.address}: {refusal.message}
            </Caption1>
            <Button
              size="small"
              onClick={() => {
                startEditing(refusal.text, "edit");
                select(refusal.address);
                setRefusal(undefined);
              }}
            >
              Retry
            </Button>
            <Button
              size="small"
              onClick={() => {
                setRefusal(undefined);
                cancel();
              }}
            >
              Cancel
            </Button>
          </div>
        )}
        {notice && (
          <Caption1 role="status" aria-label="Grid status">
            {notice}
          </Caption1>
        )}
        <TabList
          selectedValue={sheet?.name ?? ""}
          onTabSelect={(_, d) => {
            if (editing && editing.text !== stored && !write(selected, editing.text)) return;
            setEditing(undefined);
            void workbook.activate(String(d.value));
          }}
        >
          {visible.map((s) => (
            <Tab key={s.name} value={s.name}>
              {s.name}
            </Tab>
          ))}
        </TabList>
        {sheet ? (
          <Grid
            key={sheet.name}
            workbook={workbook}
            sheet={sheet}
            version={version}
            selected={selected}
            editor={editing && { text: editing.text, focused: editing.inCell, session: editing.session }}
            reveal={reveal}
            gridRef={gridRef}
            onSelect={onSelect}
            onEdit={() => startEditing(stored, "edit")}
            onEditorText={(t) => setEditing((e) => e && { ...e, text: t, inCell: true })}
            onKey={onKey}
            onPaste={(text) => !editing && pasteText(text)}
          />
        ) : (
          <Caption1>No sheets yet: build a scenario with the wizard.</Caption1>
        )}
      </section>
      <aside className={styles.pane} aria-label="Task pane">
        <Pane key={workbook.generation} workbook={workbook} />
      </aside>
    </div>
  );
}
