/**
 * The grid's keys (src/workbench/keys.ts), as Excel's keyboard shortcuts work (Microsoft support,
 * "Keyboard shortcuts in Excel"): moving, entering, editing, clearing, clipboard, undo and redo.
 */
import { actionOf, offset } from "../../src/workbench/keys";

describe("not editing", () => {
  test.each([
    [{ key: "ArrowDown" }, { kind: "move", rows: 1, cols: 0 }],
    [{ key: "ArrowUp" }, { kind: "move", rows: -1, cols: 0 }],
    [{ key: "ArrowLeft" }, { kind: "move", rows: 0, cols: -1 }],
    [{ key: "ArrowRight" }, { kind: "move", rows: 0, cols: 1 }],
    [{ key: "Enter" }, { kind: "move", rows: 1, cols: 0 }],
    [
      { key: "Enter", shiftKey: true },
      { kind: "move", rows: -1, cols: 0 },
    ],
    [{ key: "Tab" }, { kind: "move", rows: 0, cols: 1 }],
    [
      { key: "Tab", shiftKey: true },
      { kind: "move", rows: 0, cols: -1 },
    ],
    [{ key: "F2" }, { kind: "edit" }],
    [{ key: "7" }, { kind: "edit", text: "7" }], // typing replaces the content
    [{ key: "=" }, { kind: "edit", text: "=" }],
    [
      { key: "A", shiftKey: true },
      { kind: "edit", text: "A" },
    ],
    [{ key: "Backspace" }, { kind: "edit", text: "" }],
    [{ key: "Delete" }, { kind: "clear" }],
    [{ key: "c", ctrlKey: true }, { kind: "copy" }],
    [{ key: "v", ctrlKey: true }, { kind: "paste" }],
    [{ key: "V", metaKey: true, shiftKey: true }, { kind: "paste" }],
    [{ key: "z", ctrlKey: true }, { kind: "undo" }],
    [{ key: "y", ctrlKey: true }, { kind: "redo" }],
    [{ key: "Z", ctrlKey: true, shiftKey: true }, { kind: "redo" }],
  ])("%p", (key, action) => expect(actionOf(key)).toEqual(action));

  test.each([
    { key: "Shift" },
    { key: "F5" },
    { key: "b", ctrlKey: true },
    { key: "Escape" },
    { key: "x", altKey: true },
  ])("%p does nothing", (key) => expect(actionOf(key)).toBeUndefined());
});

describe("editing", () => {
  test("Enter and Tab commit and move (Shift reverses); Escape cancels", () => {
    for (const mode of ["enter", "edit"] as const) {
      expect(actionOf({ key: "Enter" }, mode)).toEqual({ kind: "commit", rows: 1, cols: 0 });
      expect(actionOf({ key: "Enter", shiftKey: true }, mode)).toEqual({ kind: "commit", rows: -1, cols: 0 });
      expect(actionOf({ key: "Tab" }, mode)).toEqual({ kind: "commit", rows: 0, cols: 1 });
      expect(actionOf({ key: "Tab", shiftKey: true }, mode)).toEqual({ kind: "commit", rows: 0, cols: -1 });
      expect(actionOf({ key: "Escape" }, mode)).toEqual({ kind: "cancel" });
    }
  });

  test("arrows commit and move after typing over a cell (Enter mode), move the caret after F2 (Edit mode)", () => {
    expect(actionOf({ key: "ArrowRight" }, "enter")).toEqual({ kind: "commit", rows: 0, cols: 1 });
    expect(actionOf({ key: "ArrowUp" }, "enter")).toEqual({ kind: "commit", rows: -1, cols: 0 });
    expect(actionOf({ key: "ArrowRight" }, "edit")).toBeUndefined();
  });

  test("characters, Delete, F2 and the clipboard keys belong to the editor", () => {
    for (const key of [
      { key: "a" },
      { key: "Delete" },
      { key: "F2" },
      { key: "c", ctrlKey: true },
      { key: "z", ctrlKey: true },
    ])
      expect(actionOf(key, "enter")).toBeUndefined();
  });
});

test("moves stay inside Excel's sheet, A1 to XFD1048576", () => {
  expect(offset("B2", 1, 1)).toBe("C3");
  expect(offset("A1", -1, -1)).toBe("A1");
  expect(offset("XFD1048576", 1, 1)).toBe("XFD1048576");
  expect(offset("Z9", 0, 1)).toBe("AA9");
});
