/**
 * What a key does in the workbench's grid, as Excel's keyboard does it ("Keyboard shortcuts in
 * Excel", Microsoft support): pure functions of the key and the editing state, so that they can be
 * tested without a page.
 */
import { cell, parseCell } from "../scenario/plan";

/** Excel's sheet size. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A key press as the grid sees it (a subset of KeyboardEvent). */
export interface Key {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/**
 * How a cell is being edited: "enter" after typing over it (arrow keys commit and move, as in
 * Excel's Enter mode), "edit" after F2, a double-click or a click in the formula bar (arrow keys
 * move the caret).
 */
export type EditMode = "enter" | "edit";

export type Action =
  | { kind: "move"; rows: number; cols: number }
  /** Commits the entry, then moves (0, 0: stays). */
  | { kind: "commit"; rows: number; cols: number }
  | { kind: "cancel" }
  /** Starts editing: with the cell's content (F2), or replacing it with `text` (typing). */
  | { kind: "edit"; text?: string }
  | { kind: "clear" }
  | { kind: "copy" }
  | { kind: "paste" }
  | { kind: "undo" }
  | { kind: "redo" };

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** The action for a key: `editing` is the mode while a cell is being edited, undefined otherwise. */
export function actionOf(k: Key, editing?: EditMode): Action | undefined {
  const ctrl = !!(k.ctrlKey || k.metaKey);
  const back = k.shiftKey ? -1 : 1;
  if (k.key === "Enter" && !k.altKey && !ctrl) return editing ? { kind: "commit", rows: back, cols: 0 } : move(back, 0);
  if (k.key === "Tab" && !ctrl) return editing ? { kind: "commit", rows: 0, cols: back } : move(0, back);
  if (editing) {
    if (k.key === "Escape") return { kind: "cancel" };
    const arrow = ARROWS[k.key];
    if (arrow && editing === "enter" && !ctrl) return { kind: "commit", rows: arrow[0], cols: arrow[1] };
    return undefined; // the editor's own keys: caret, characters, clipboard
  }
  if (ARROWS[k.key] && !k.altKey) return move(...ARROWS[k.key]);
  if (ctrl && !k.altKey) {
    const letter = k.key.toLowerCase();
    if (letter === "c") return { kind: "copy" };
    if (letter === "v") return { kind: "paste" };
    if (letter === "z" && !k.shiftKey) return { kind: "undo" };
    if (letter === "y" || (letter === "z" && k.shiftKey)) return { kind: "redo" };
    return undefined;
  }
  if (k.key === "F2") return { kind: "edit" };
  if (k.key === "Delete") return { kind: "clear" };
  if (k.key === "Backspace") return { kind: "edit", text: "" };
  if (k.key.length === 1 && !k.altKey) return { kind: "edit", text: k.key };
  return undefined;
}

const move = (rows: number, cols: number): Action => ({ kind: "move", rows, cols });

/** The address `rows` down and `cols` right of `address`, kept inside the sheet. */
export function offset(address: string, rows: number, cols: number): string {
  const p = parseCell(address);
  const clamp = (n: number, max: number) => Math.min(Math.max(n, 1), max);
  return cell(clamp(p.row + rows, MAX_ROWS), clamp(p.col + cols, MAX_COLUMNS));
}
