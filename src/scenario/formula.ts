/**
 * A parser for the Excel formulas the scenario sheet plans hold (English locale, as Range.formulas
 * gives them): numbers, "text" (with "" for a quote), TRUE and FALSE, error literals (#VALUE!),
 * names (in_pue, out_goodput), A1 cells and ranges with optional $ and an optional sheet
 * ('My sheet'!in_pue, Data!$B$5), unary + and −, the binary operators ^ * / + − & = <> < > <= >=
 * with Excel's precedence (negation binds tighter than ^, so -2^2 is 4; all binary operators are
 * left-associative), parentheses, and function calls with omitted arguments (f(a,,b)) and dotted
 * names (INFRA.GOODPUT). Anything else (%, array constants {1,2}, R1C1, whole columns, the space
 * intersection operator) is refused with an Error naming the formula and the position.
 */
import { column } from "./plan";

export type Node =
  | { type: "number"; value: number; text: string }
  | { type: "string"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "error"; code: string }
  | { type: "name"; name: string; sheet?: string }
  | { type: "cell"; ref: CellRef; sheet?: string }
  | { type: "range"; from: CellRef; to: CellRef; sheet?: string }
  | { type: "unary"; op: "-" | "+"; operand: Node }
  | { type: "binary"; op: BinaryOp; left: Node; right: Node }
  | { type: "call"; name: string; args: (Node | undefined)[] }
  | { type: "paren"; inner: Node };

export type BinaryOp = "^" | "*" | "/" | "+" | "-" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

/** A cell of a reference: 1-based row and column, and whether each is absolute ($). */
export interface CellRef {
  row: number;
  col: number;
  rowAbsolute: boolean;
  colAbsolute: boolean;
}

/** Excel's error literals. */
export const ERROR_CODES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"];

/** Binding strength of each binary operator (higher binds tighter), Excel's order. */
const PRECEDENCE: Record<BinaryOp, number> = {
  "=": 1,
  "<>": 1,
  "<": 1,
  ">": 1,
  "<=": 1,
  ">=": 1,
  "&": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "^": 5,
};

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A cell reference's parts, or undefined when `text` is not one (or is off the sheet). */
export function cellRef(text: string): CellRef | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  const col = [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROW || col > MAX_COL) return undefined;
  return { row, col, colAbsolute: text.startsWith("$"), rowAbsolute: text.slice(1).includes("$") };
}

type Token =
  | { kind: "number"; text: string; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "error"; text: string; at: number }
  | { kind: "word"; text: string; sheet?: string; at: number }
  | { kind: "op"; text: string; at: number }
  | { kind: "end"; text: ""; at: number };

const OPERATORS = ["<=", ">=", "<>", "+", "-", "*", "/", "^", "&", "=", "<", ">", "(", ")", ",", ":"];
const WORD = /[A-Za-z_$][A-Za-z0-9_.$]*/y;
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  private tokens: Token[] = [];
  private i = 0;

  constructor(private readonly formula: string) {}

  fail(message: string, at: number): never {
    throw new Error(`Cannot read the formula ${this.formula}: ${message} at character ${at + 1}.`);
  }

  private tokenize(body: string, offset: number) {
    let p = 0;
    const sticky = (re: RegExp) => {
      re.lastIndex = p;
      const m = re.exec(body);
      return m ? m[0] : undefined;
    };
    while (p < body.length) {
      const ch = body[p];
      const at = offset + p;
      if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
        p++;
        continue;
      }
      if (ch === '"') {
        let q = p + 1;
        let text = "";
        for (;;) {
          if (q >= body.length) this.fail("a text has no closing quote", at);
          if (body[q] === '"') {
            if (body[q + 1] === '"') {
              text += '"';
              q += 2;
              continue;
            }
            break;
          }
          text += body[q++];
        }
        this.tokens.push({ kind: "string", text, at });
        p = q + 1;
        continue;
      }
      if (ch === "#") {
        const code = ERROR_CODES.find((c) => body.startsWith(c, p) || body.slice(p, p + c.length).toUpperCase() === c);
        if (!code) this.fail("an unknown error literal", at);
        this.tokens.push({ kind: "error", text: code, at });
        p += code.length;
        continue;
      }
      const number = /[0-9.]/.test(ch) ? sticky(NUMBER) : undefined;
      if (number) {
        this.tokens.push({ kind: "number", text: number, at });
        p += number.length;
        continue;
      }
      let sheet: string | undefined;
      if (ch === "'") {
        let q = p + 1;
        sheet = "";
        for (;;) {
          if (q >= body.length) this.fail("a sheet name has no closing quote", at);
          if (body[q] === "'") {
            if (body[q + 1] === "'") {
              sheet += "'";
              q += 2;
              continue;
            }
            break;
          }
          sheet += body[q++];
        }
        if (body[q + 1] !== "!") this.fail("a quoted sheet name is not followed by !", at);
        p = q + 2;
      }
      const word = sticky(WORD);
      if (word) {
        p += word.length;
        if (sheet === undefined && body[p] === "!") {
          sheet = word;
          p++;
          const target = sticky(WORD);
          if (!target) this.fail("a sheet name is not followed by a reference", at);
          p += target.length;
          this.tokens.push({ kind: "word", text: target, sheet, at });
        } else this.tokens.push({ kind: "word", text: word, sheet, at });
        continue;
      }
      if (sheet !== undefined) this.fail("a sheet name is not followed by a reference", at);
      const op = OPERATORS.find((o) => body.startsWith(o, p));
      if (!op) this.fail(`"${ch}" is not supported`, at);
      this.tokens.push({ kind: "op", text: op, at });
      p += op.length;
    }
    this.tokens.push({ kind: "end", text: "", at: offset + body.length });
  }

  parse(): Node {
    if (!this.formula.startsWith("=")) this.fail('a formula starts with "="', 0);
    this.tokenize(this.formula.slice(1), 1);
    const node = this.expression(0);
    const rest = this.peek();
    if (rest.kind !== "end") this.fail(`unexpected "${rest.text}"`, rest.at);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.text === text;
  }

  private expect(text: string) {
    const t = this.next();
    if (t.kind !== "op" || t.text !== text)
      this.fail(`expected "${text}" but found ${t.kind === "end" ? "the end" : `"${t.text}"`}`, t.at);
  }

  /** Precedence climbing over the binary operators. */
  private expression(min: number): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = t.text as BinaryOp;
      if (t.kind !== "op" || !(op in PRECEDENCE) || PRECEDENCE[op] < min) return left;
      this.next();
      const right = this.expression(PRECEDENCE[op] + 1);
      left = { type: "binary", op, left, right };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "+")) {
      this.next();
      return { type: "unary", op: t.text, operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.next();
    switch (t.kind) {
      case "number": {
        const value = Number(t.text);
        if (!Number.isFinite(value)) this.fail(`the number ${t.text} is too large`, t.at);
        return { type: "number", value, text: t.text };
      }
      case "string":
        return { type: "string", value: t.text };
      case "error":
        return { type: "error", code: t.text };
      case "word":
        return this.word(t);
      case "op":
        if (t.text === "(") {
          const inner = this.expression(0);
          this.expect(")");
          return { type: "paren", inner };
        }
        return this.fail(`unexpected "${t.text}"`, t.at);
      default:
        return this.fail("the formula ends too early", t.at);
    }
  }

  private word(t: Extract<Token, { kind: "word" }>): Node {
    if (this.isOp("(")) {
      if (t.sheet !== undefined || t.text.includes("$")) this.fail(`"${t.text}" is not a function name`, t.at);
      this.next();
      const args: (Node | undefined)[] = [];
      if (this.isOp(")")) {
        this.next();
        return { type: "call", name: t.text.toUpperCase(), args };
      }
      for (;;) {
        args.push(this.isOp(",") || this.isOp(")") ? undefined : this.expression(0));
        const sep = this.next();
        if (sep.kind === "op" && sep.text === ")") break;
        if (sep.kind !== "op" || sep.text !== ",")
          this.fail(`expected "," or ")" but found ${sep.kind === "end" ? "the end" : `"${sep.text}"`}`, sep.at);
      }
      return { type: "call", name: t.text.toUpperCase(), args };
    }
    const ref = cellRef(t.text);
    const sheet = t.sheet !== undefined ? { sheet: t.sheet } : {};
    if (ref) {
      if (!this.isOp(":")) return { type: "cell", ref, ...sheet };
      this.next();
      const end = this.next();
      const to = end.kind === "word" && end.sheet === undefined ? cellRef(end.text) : undefined;
      if (!to) this.fail("a range does not end in a cell", end.at);
      return { type: "range", from: ref, to, ...sheet };
    }
    if (t.text.includes("$")) this.fail(`"${t.text}" is not a cell or a name`, t.at);
    const upper = t.text.toUpperCase();
    if (t.sheet === undefined && (upper === "TRUE" || upper === "FALSE"))
      return { type: "boolean", value: upper === "TRUE" };
    if (this.isOp(":")) this.fail("a range of names is not supported", this.peek().at);
    return { type: "name", name: t.text, ...sheet };
  }
}

/** The syntax tree of `formula` (which starts with "="); throws an Error naming the formula when it cannot. */
export function parseFormula(formula: string): Node {
  return new Parser(formula).parse();
}

/** A reference's cell as Excel writes it ("$B$5", "E12"). */
export const refText = (r: CellRef): string =>
  `${r.colAbsolute ? "$" : ""}${column(r.col)}${r.rowAbsolute ? "$" : ""}${r.row}`;

/** Quotes a sheet name for a reference ('It''s'). */
const sheetPrefix = (sheet: string | undefined): string =>
  sheet === undefined ? "" : `'${sheet.replace(/'/g, "''")}'!`;

/**
 * A syntax tree written back as formula text (without the leading "="). `rewrite` may give the
 * text of any node instead (a replaced name, an inlined output); undefined keeps the node.
 */
export function printFormula(node: Node, rewrite: (node: Node) => string | undefined = () => undefined): string {
  const print = (n: Node): string => {
    const replaced = rewrite(n);
    if (replaced !== undefined) return replaced;
    switch (n.type) {
      case "number":
        return n.text;
      case "string":
        return `"${n.value.replace(/"/g, '""')}"`;
      case "boolean":
        return n.value ? "TRUE" : "FALSE";
      case "error":
        return n.code;
      case "name":
        return sheetPrefix(n.sheet) + n.name;
      case "cell":
        return sheetPrefix(n.sheet) + refText(n.ref);
      case "range":
        return `${sheetPrefix(n.sheet)}${refText(n.from)}:${refText(n.to)}`;
      case "unary":
        return n.op + print(n.operand);
      case "binary":
        return print(n.left) + n.op + print(n.right);
      case "call":
        return `${n.name}(${n.args.map((a) => (a ? print(a) : "")).join(",")})`;
      case "paren":
        return `(${print(n.inner)})`;
    }
  };
  return print(node);
}
