/**
 * The Name Box: shows the selected cell and goes to what is typed into it (Excel's Go To): a cell
 * (B5, $B$5), a range (its first cell is selected), either on another sheet ('My sheet'!B5), or a
 * defined name of the sheet shown (in_grid_mw) or of another sheet (Sheet!in_grid_mw).
 */
import { Input } from "@fluentui/react-components";
import { useState } from "react";
import { parseCell } from "../scenario/plan";
import { MemorySheet } from "../workbook/memory";
import { MAX_COLUMNS, MAX_ROWS } from "./keys";

export type GoTo = { sheet: string; address: string } | { error: string };

const REFERENCE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?$/;

/** Where `text` points, seen from the sheet `current` of `sheets`, or why it points nowhere. */
export function goTo(text: string, current: string, sheets: readonly MemorySheet[]): GoTo {
  const t = text.trim();
  const bang = t.lastIndexOf("!");
  const sheetPart =
    bang < 0
      ? current
      : t
          .slice(0, bang)
          .replace(/^'(.*)'$/, "$1")
          .replace(/''/g, "'");
  const target = sheets.find((s) => s.name.toLowerCase() === sheetPart.toLowerCase() && s.visibility === "visible");
  const unknown = { error: `"${t}" is not a cell, a range or a name of this workbook.` };
  if (!target) return unknown;
  const rest = t.slice(bang + 1);
  const reference = REFERENCE.exec(rest);
  if (reference) {
    const address = `${reference[1].toUpperCase()}${reference[2]}`;
    const p = parseCell(address);
    if (p.row >= 1 && p.row <= MAX_ROWS && p.col <= MAX_COLUMNS) return { sheet: target.name, address };
    return unknown;
  }
  const named = [...target.names].find(([n]) => n.toLowerCase() === rest.toLowerCase());
  return named ? { sheet: target.name, address: named[1].split(":")[0].replace(/\$/g, "") } : unknown;
}

/** The box: `address` while not typed into; Enter goes (`onGo`), Escape gives the address back. */
interface NameBoxProps {
  address: string;
  /** Goes to the text typed; whether it went (else the box keeps the text). */
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onGo(text: string): boolean;
}

export function NameBox({ address, onGo }: NameBoxProps) {
  // What is being typed, until Enter goes there or Escape or leaving the box drops it.
  const [typed, setTyped] = useState<string>();
  return (
    <Input
      aria-label="Name Box"
      style={{ width: "140px" }}
      value={typed ?? address}
      onChange={(_, d) => setTyped(d.value)}
      onFocus={(e) => e.target.select()}
      onBlur={() => setTyped(undefined)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && onGo(typed ?? address)) {
          e.preventDefault();
          setTyped(undefined);
        } else if (e.key === "Escape") setTyped(undefined);
      }}
    />
  );
}
