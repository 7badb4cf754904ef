/**
 * The what-if pane of one scenario: choose an analysis (tornado, one- or two-input data table, goal
 * seek, uncertainty), its output and parameters (defaults from defaultAnalysis, checked inline by
 * analysisProblems), then run it. Every analysis but goal seek is written to a new sheet; a goal
 * seek's answer is shown here and can be applied to the scenario after asking.
 */
import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle1,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { ModelInput, ModelOutput, ScenarioModel } from "../scenario/evaluate";
import { Format } from "../scenario/fields";
import { NUMBER_FORMATS } from "../scenario/plan";
import { Scenario } from "../scenario/schema";
import { Swing } from "../model/whatif";
import {
  ANALYSIS_LABELS,
  Analysis,
  AnalysisResult,
  analysisProblems,
  defaultAnalysis,
  defaultSwing,
  DEFAULT_SWING,
  goalSeekBracket,
  valuesAcross,
} from "../scenario/whatif";
import { formatValue } from "../workbench/format";
import { WhatIfBook } from "../workbook/whatif";
import { Message, Notice, failure } from "./Notice";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    // A long option (an output's label with its unit) is cut inside the pane rather than widening it.
    "& .fui-Field": { minWidth: 0 },
    "& .fui-Select": { width: "100%", minWidth: 0 },
    "& select": { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "flex-end" },
  group: {
    border: "none",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    margin: 0,
    padding: `${tokens.spacingVerticalS} 0 0 0`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  narrow: { width: "9em" },
});

/** An input as wide as its field (Fluent's Input has a minimum width that overflows a narrow field). */
const useBoxStyles = makeStyles({ input: { minWidth: 0, width: "100%" } });

type Kind = Analysis["kind"];
// eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
type Change<T> = (value: T) => void;
type Of<K extends Kind> = Extract<Analysis, { kind: K }>;
type Distribution = Of<"uncertainty">["uncertain"][number]["distribution"];
type GoalSeek = Extract<AnalysisResult, { kind: "goalseek" }>;

const KINDS: Kind[] = ["tornado", "table1", "table2", "goalseek", "uncertainty"];
const DISTRIBUTION_LABELS: Record<Distribution["kind"], string> = {
  pert: "PERT",
  triangular: "Triangular",
  uniform: "Uniform",
  lognormal: "Lognormal",
  normal: "Normal",
};

/** A number as a cell of `format` shows it ("$1.2 B", "87.50%"). */
const shownAs = (value: number, format: Format): string => formatValue(value, NUMBER_FORMATS[format]);

/** Whether any number in `x` (an analysis, nested) is NaN: a field that does not read as a number. */
const hasBlank = (x: unknown): boolean =>
  typeof x === "number"
    ? Number.isNaN(x)
    : Array.isArray(x)
      ? x.some(hasBlank)
      : typeof x === "object" && x !== null && Object.values(x).some(hasBlank);

/** Where an input's default swing comes from, in words. */
function rangeNote(model: ScenarioModel, input: ModelInput): string {
  const d = defaultSwing(model, input.key);
  if ("reason" in d) return `No default swing: ${d.reason}.`;
  const range = `${shownAs(d.swing.low, input.format)} to ${shownAs(d.swing.high, input.format)}`;
  return d.sourced ? `Default ${range}, sourced: ${d.source}.` : `Default ${range}: ±20 % of its value.`;
}

/** An input's swing: its default, or ±20 % of its value when it has none (0 gives low = high, which the checks refuse). */
function swingOf(model: ScenarioModel, input: ModelInput): Swing {
  return (
    defaultSwing(model, input.key).swing ?? {
      low: input.value * (1 - DEFAULT_SWING),
      high: input.value * (1 + DEFAULT_SWING),
    }
  );
}

/** Where a goal seek looks for an input (goalSeekBracket), starting just above a minimum the input refuses. */
function bracketOf(i: ModelInput): { low: number; high: number } {
  let { low, high } = goalSeekBracket(i);
  if (i.minExclusive && low <= i.min) low = i.integer ? Math.floor(i.min) + 1 : i.min + (i.value - i.min) / 100;
  return i.integer ? { low: Math.ceil(low), high: Math.floor(high) } : { low, high };
}

interface NumberBoxProps {
  label: string;
  value: number;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onChange(value: number): void;
  hint?: string;
  /** Why the analysis refuses this value, or undefined. */
  problem?: string;
  className?: string;
}

const DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** A typed number: decimal digits with an optional exponent ("1.5", "-2e3"); anything else, blank, "0x10" or "Infinity", is NaN. */
const readNumber = (text: string): number => (DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN);

/** A number as the pane writes it in a field: 12 significant digits, so 0.07 × 0.8 shows as 0.056. */
const written = (v: number): string => (Number.isNaN(v) ? "" : String(Number(v.toPrecision(12))));

/** A number field that keeps what is typed ("1.", blank) while it reads as `value`; blank or not a number is NaN. */
function NumberBox({ label, value, onChange, hint, problem, className }: NumberBoxProps) {
  const [text, setText] = useState(() => written(value));
  const typed = readNumber(text);
  const same = Object.is(typed, value) || typed === value || (text.trim() !== "" && String(typed) === written(value));
  const shown = same ? text : written(value);
  const message = Number.isNaN(value) ? "Enter a number." : problem;
  const styles = useBoxStyles();
  return (
    <Field
      label={label}
      hint={hint}
      validationMessage={message}
      validationState={message ? "error" : "none"}
      className={className}
    >
      <Input
        className={styles.input}
        inputMode="decimal"
        value={shown}
        onChange={(_, d) => {
          setText(d.value);
          onChange(readNumber(d.value));
        }}
      />
    </Field>
  );
}

/** A list of numbers typed with commas; an entry that is not a number makes the list's message. */
function ValuesBox({
  label,
  values,
  onChange,
  problem,
}: {
  label: string;
  values: number[];
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onChange(values: number[]): void;
  problem?: string;
}) {
  const [text, setText] = useState(values.join(", "));
  const parse = (t: string) =>
    t
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(readNumber);
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  const shown = same(parse(text), values) ? text : values.join(", ");
  const bad = parse(shown).some(Number.isNaN);
  const message = bad ? "Each value must be a number, separated by commas." : problem;
  return (
    <Field label={label} validationMessage={message} validationState={message ? "error" : "none"}>
      <Input
        value={shown}
        onChange={(_, d) => {
          setText(d.value);
          onChange(parse(d.value));
        }}
      />
    </Field>
  );
}

/** Values for a data table from a start, a stop and a number of steps. */
function SpacedValues({
  input,
  swing,
  count,
  onFill,
  rowClass,
  narrowClass,
}: {
  input: ModelInput;
  /** Where From and To start. */
  swing: Swing;
  /** Where Steps starts: the number of values the table has now. */
  count: number;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onFill(values: number[]): void;
  rowClass: string;
  narrowClass: string;
}) {
  const [start, setStart] = useState(swing.low);
  const [stop, setStop] = useState(swing.high);
  const [steps, setSteps] = useState(count);
  const ready = [start, stop, steps].every(Number.isFinite) && steps >= 2 && steps <= 50;
  return (
    <div className={rowClass}>
      <NumberBox label="From" value={start} onChange={setStart} className={narrowClass} />
      <NumberBox label="To" value={stop} onChange={setStop} className={narrowClass} />
      <NumberBox
        label="Steps"
        value={steps}
        onChange={setSteps}
        className={narrowClass}
        problem={ready || !Number.isFinite(steps) ? undefined : "From 2 to 50 steps."}
      />
      <Button
        type="button"
        disabled={!ready}
        onClick={() => onFill(valuesAcross(input, { low: start, high: stop }, Math.round(steps)))}
      >
        Fill the values
      </Button>
    </div>
  );
}

interface WhatIfProps {
  whatIf: WhatIfBook;
  scenario: Scenario;
  /** Back to the list of scenarios. */
  onBack(): void;
  /** The scenario changed (a goal seek's answer was applied). */
  onApplied(): void;
}

export function WhatIf({ whatIf, scenario, onBack, onApplied }: WhatIfProps) {
  const styles = useStyles();
  const [model, setModel] = useState<ScenarioModel | undefined>();
  const [analysis, setAnalysis] = useState<Analysis | undefined>();
  const [message, setMessage] = useState<Message | undefined>();
  const [running, setRunning] = useState(false);
  const [answer, setAnswer] = useState<{ analysis: Of<"goalseek">; result: GoalSeek } | undefined>();
  const [asking, setAsking] = useState(false);

  /**
   * Reads the scenario as its sheet stands now. A failure is shown with a Retry, also when the
   * sheet holds inputs an analysis cannot use: the user fixes them there and reads it again.
   */
  const load = useCallback(
    async (keep?: Analysis) => {
      try {
        const m = await whatIf.model(scenario.id);
        setModel(m);
        setAnalysis(keep ?? defaultAnalysis(m, "tornado"));
        setMessage((shown) => (shown?.intent === "error" ? undefined : shown));
      } catch (error) {
        setMessage({ intent: "error", text: failure(error).text, retry: () => void load(keep) });
      }
    },
    [whatIf, scenario.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const problems = useMemo(() => (model && analysis ? analysisProblems(model, analysis) : []), [model, analysis]);

  if (!model || !analysis)
    return (
      <section className={styles.root} aria-label="What-if analysis">
        {message ? <Notice message={message} /> : <Text>Reading the scenario…</Text>}
        <Button onClick={onBack}>Back to the scenarios</Button>
      </section>
    );

  const inputOf = (key: string) => model.inputs.find((i) => i.key === key);
  const outputOf = (name: string) => model.outputs.find((o) => o.name === name);
  const about = (i: ModelInput | undefined) => (i ? `${i.label} (${i.unit})` : "");
  /** The problems that name this input (its label), except those of a correlation (shown at the pair). */
  const problemOf = (i: ModelInput | undefined) =>
    i ? problems.filter((p) => p.includes(i.label) && !p.startsWith("Correlation")).join(" ") || undefined : undefined;
  const set = (patch: Partial<Analysis>) => setAnalysis({ ...analysis, ...patch } as Analysis);
  const blank = hasBlank(analysis);

  const run = async (a: Analysis): Promise<void> => {
    setRunning(true);
    setMessage(undefined);
    setAnswer(undefined);
    // Let "Running…" paint before the analysis, which runs synchronously, takes the thread.
    await new Promise((resolve) => setTimeout(resolve, 30));
    try {
      const { result, sheet } = await whatIf.run(scenario.id, a);
      if (a.kind === "goalseek") setAnswer({ analysis: a, result: result as GoalSeek });
      else setMessage({ intent: "success", text: `Done: the analysis is on the new sheet "${sheet}".` });
    } catch (error) {
      const { text, retriable } = failure(error);
      setMessage({ intent: "error", text, retry: retriable ? () => void run(a) : undefined });
    } finally {
      setRunning(false);
    }
  };

  const apply = async (input: ModelInput, value: number): Promise<void> => {
    setAsking(false);
    try {
      await whatIf.apply(scenario.id, input.key, value);
      setAnswer(undefined);
      setMessage({
        intent: "success",
        text: `${input.label} is now ${shownAs(value, input.format)} in "${scenario.name}"; its sheet was updated.`,
      });
      onApplied();
      await load(analysis);
    } catch (error) {
      const { text, retriable } = failure(error);
      setMessage({ intent: "error", text, retry: retriable ? () => void apply(input, value) : undefined });
    }
  };

  const output = outputOf(analysis.output);
  return (
    <section className={styles.root} aria-label="What-if analysis">
      <Subtitle1 as="h2">What-if: {scenario.name}</Subtitle1>
      {message && <Notice message={message} />}
      <form
        className={styles.form}
        aria-label="What-if parameters"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && !blank && problems.length === 0) void run(analysis);
        }}
      >
        <Field label="Analysis">
          <Select
            value={analysis.kind}
            onChange={(_, d) => (
              setAnswer(undefined),
              setAnalysis(defaultAnalysis(model, d.value as Kind, analysis.output))
            )}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {ANALYSIS_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Output" hint={output && nowText(model, output)}>
          <Select
            value={analysis.output}
            onChange={(_, d) => (setAnswer(undefined), setAnalysis(defaultAnalysis(model, analysis.kind, d.value)))}
          >
            {model.outputs.map((o) => (
              <option key={o.name} value={o.name}>
                {o.label} ({o.unit})
              </option>
            ))}
          </Select>
        </Field>
        {parameters()}
        {problems.length > 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <ul aria-label="What to fix before running">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={running || blank || problems.length > 0}>
            {analysis.kind === "goalseek" ? "Find the input value" : "Run"}
          </Button>
          <Button type="button" onClick={onBack}>
            Back to the scenarios
          </Button>
        </div>
        {running && <Spinner size="small" label="Running…" />}
      </form>
      {answer && goalSeekAnswer(answer.analysis, answer.result)}
    </section>
  );

  /** The parameters of the chosen analysis. */
  function parameters(): ReactNode {
    const a = analysis!;
    const inputSelect = (label: string, value: string, onChange: Change<string>) => (
      <Field label={label}>
        <Select value={value} onChange={(_, d) => onChange(d.value)}>
          {model!.inputs.map((i) => (
            <option key={i.key} value={i.key}>
              {about(i)}
            </option>
          ))}
        </Select>
      </Field>
    );
    const modeChoice = (mode: "formulas" | "values", onChange: Change<"formulas" | "values">) => (
      <Field label="Write the table as">
        <RadioGroup value={mode} onChange={(_, d) => onChange(d.value as "formulas" | "values")}>
          <Radio value="formulas" label="Formulas (recalculate when the scenario's inputs change)" />
          <Radio value="values" label="Values (computed now)" />
        </RadioGroup>
      </Field>
    );
    const valuesFor = (key: string, values: number[], onChange: Change<number[]>, label: string) => {
      const input = inputOf(key)!;
      return (
        <fieldset className={styles.group}>
          <legend>{label}</legend>
          <ValuesBox
            key={key}
            label={`Values of ${about(input)}`}
            values={values}
            onChange={onChange}
            problem={problemOf(input)}
          />
          <SpacedValues
            key={`${key}-spaced`}
            input={input}
            swing={swingOf(model!, input)}
            count={values.length}
            onFill={onChange}
            rowClass={styles.row}
            narrowClass={styles.narrow}
          />
        </fieldset>
      );
    };
    switch (a.kind) {
      case "tornado":
        return (
          <>
            <Subtitle2 as="h3">Swing each input from low to high</Subtitle2>
            {model!.inputs.map((i) => {
              const on = a.inputs.includes(i.key);
              const swing = a.swings[i.key] ?? swingOf(model!, i);
              const setSwing = (patch: Partial<typeof swing>) =>
                set({ swings: { ...a.swings, [i.key]: { ...swing, ...patch } } });
              return (
                <fieldset key={i.key} className={styles.group} aria-label={i.label}>
                  <Checkbox
                    label={about(i)}
                    checked={on}
                    onChange={(_, d) =>
                      set({
                        inputs: d.checked ? [...a.inputs, i.key] : a.inputs.filter((k) => k !== i.key),
                        swings: { ...a.swings, [i.key]: swing },
                      })
                    }
                  />
                  {on && (
                    <div className={styles.row}>
                      <NumberBox
                        label="Low"
                        value={swing.low}
                        onChange={(low) => setSwing({ low })}
                        className={styles.narrow}
                      />
                      <NumberBox
                        label="High"
                        value={swing.high}
                        onChange={(high) => setSwing({ high })}
                        className={styles.narrow}
                      />
                    </div>
                  )}
                  <Caption1>
                    Now {shownAs(i.value, i.format)}. {rangeNote(model!, i)}
                  </Caption1>
                  {on && problemOf(i) && <Caption1 role="alert">{problemOf(i)}</Caption1>}
                </fieldset>
              );
            })}
            <NumberBox
              label="Spider chart steps (odd, at least 3)"
              value={a.steps}
              onChange={(steps) => set({ steps })}
            />
          </>
        );
      case "table1":
        return (
          <>
            {inputSelect("Input", a.input, (input) => set({ input, values: tableValues(model!, input) }))}
            {valuesFor(a.input, a.values, (values) => set({ values }), "Values down the table")}
            {modeChoice(a.mode, (mode) => set({ mode }))}
          </>
        );
      case "table2":
        return (
          <>
            {inputSelect("Row input (down the table)", a.rowInput, (rowInput) =>
              set({ rowInput, rowValues: tableValues(model!, rowInput) }),
            )}
            {valuesFor(a.rowInput, a.rowValues, (rowValues) => set({ rowValues }), "Row values")}
            {inputSelect("Column input (across the table)", a.colInput, (colInput) =>
              set({ colInput, colValues: tableValues(model!, colInput) }),
            )}
            {valuesFor(a.colInput, a.colValues, (colValues) => set({ colValues }), "Column values")}
            {modeChoice(a.mode, (mode) => set({ mode }))}
          </>
        );
      case "goalseek": {
        const input = inputOf(a.input);
        return (
          <>
            {inputSelect("Input to change", a.input, (key) => {
              set({ input: key, ...bracketOf(inputOf(key)!) });
            })}
            <NumberBox
              key={`target-${a.output}`}
              label={`Target for ${output ? `${output.label} (${output.unit})` : "the output"}`}
              hint={output && Number.isFinite(a.target) ? `That is ${shownAs(a.target, output.format)}.` : undefined}
              value={a.target}
              onChange={(target) => set({ target })}
            />
            <div className={styles.row}>
              <NumberBox
                key={`low-${a.input}`}
                label="Search from"
                value={a.low}
                onChange={(low) => set({ low })}
                className={styles.narrow}
              />
              <NumberBox
                key={`high-${a.input}`}
                label="Search to"
                value={a.high}
                onChange={(high) => set({ high })}
                className={styles.narrow}
              />
            </div>
            {input && (
              <Caption1>
                Now {shownAs(input.value, input.format)}; the input accepts {acceptsText(input)}.
              </Caption1>
            )}
          </>
        );
      }
      case "uncertainty":
        return uncertainty(a);
    }
  }

  /** Distributions per input (a checkbox includes an input), correlations, trials and seed. */
  function uncertainty(a: Of<"uncertainty">): ReactNode {
    const fallback = defaultAnalysis(model!, "uncertainty", a.output) as Of<"uncertainty">;
    const included = a.uncertain.map((u) => u.input);
    /** The problems of the correlation of `x` with `y`. */
    const pairProblem = (x: string, y: string) =>
      problems.filter((p) => p.startsWith(`Correlation of ${inputOf(x)?.label} with ${inputOf(y)?.label}`)).join(" ") ||
      undefined;
    const setDistribution = (key: string, distribution: Distribution) =>
      set({ uncertain: a.uncertain.map((u) => (u.input === key ? { ...u, distribution } : u)) });
    const defaultOf = (i: ModelInput): Distribution => {
      const { low, high } = swingOf(model!, i);
      return (
        fallback.uncertain.find((u) => u.input === i.key)?.distribution ?? {
          kind: "triangular",
          min: low,
          likely: i.value,
          max: high,
        }
      );
    };
    return (
      <>
        <Subtitle2 as="h3">Distributions of the inputs</Subtitle2>
        {model!.inputs.map((i) => {
          const u = a.uncertain.find((x) => x.input === i.key);
          const d = u?.distribution;
          return (
            <fieldset key={i.key} className={styles.group} aria-label={i.label}>
              <Checkbox
                label={about(i)}
                checked={!!u}
                onChange={(_, c) =>
                  set({
                    uncertain: c.checked
                      ? [...a.uncertain, { input: i.key, distribution: defaultOf(i) }]
                      : a.uncertain.filter((x) => x.input !== i.key),
                    correlations: c.checked
                      ? a.correlations
                      : a.correlations.filter((r) => r.a !== i.key && r.b !== i.key),
                  })
                }
              />
              {d && (
                <>
                  <Field label="Distribution">
                    <Select
                      value={d.kind}
                      onChange={(_, s) => setDistribution(i.key, convert(d, s.value as Distribution["kind"]))}
                    >
                      {Object.entries(DISTRIBUTION_LABELS).map(([k, label]) => (
                        <option key={k} value={k}>
                          {label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <div className={styles.row}>
                    {d.kind === "normal" ? (
                      <>
                        <NumberBox
                          label="Mean"
                          value={d.mean}
                          onChange={(mean) => setDistribution(i.key, { ...d, mean })}
                          className={styles.narrow}
                        />
                        <NumberBox
                          label="Standard deviation"
                          value={d.sd}
                          onChange={(sd) => setDistribution(i.key, { ...d, sd })}
                          className={styles.narrow}
                        />
                      </>
                    ) : (
                      (["min", "likely", "max"] as const).map((p) => (
                        <NumberBox
                          key={p}
                          label={{ min: "Min", likely: "Most likely", max: "Max" }[p]}
                          value={d[p]}
                          onChange={(v) => setDistribution(i.key, { ...d, [p]: v })}
                          className={styles.narrow}
                        />
                      ))
                    )}
                  </div>
                  {problemOf(i) && <Caption1 role="alert">{problemOf(i)}</Caption1>}
                </>
              )}
              <Caption1>
                Now {shownAs(i.value, i.format)}. {rangeNote(model!, i)}
              </Caption1>
            </fieldset>
          );
        })}
        <fieldset className={styles.group}>
          <legend>Correlations between inputs (rank correlation ρ from −1 to 1)</legend>
          {a.correlations.map((r, n) => {
            const setPair = (patch: Partial<typeof r>) =>
              set({ correlations: a.correlations.map((x, m) => (m === n ? { ...x, ...patch } : x)) });
            const choose = (label: string, value: string, onChange: Change<string>) => (
              <Field label={label}>
                <Select value={value} onChange={(_, d) => onChange(d.value)}>
                  {included.map((key) => (
                    <option key={key} value={key}>
                      {inputOf(key)?.label}
                    </option>
                  ))}
                </Select>
              </Field>
            );
            return (
              <div key={n} className={styles.row} role="group" aria-label={`Correlation ${n + 1}`}>
                {choose("Input", r.a, (key) => setPair({ a: key }))}
                {choose("with", r.b, (key) => setPair({ b: key }))}
                <NumberBox
                  label="ρ"
                  value={r.rho}
                  onChange={(rho) => setPair({ rho })}
                  className={styles.narrow}
                  problem={pairProblem(r.a, r.b)}
                />
                <Button type="button" onClick={() => set({ correlations: a.correlations.filter((_, m) => m !== n) })}>
                  Remove
                </Button>
              </div>
            );
          })}
          <Button
            type="button"
            disabled={included.length < 2}
            onClick={() => set({ correlations: [...a.correlations, { a: included[0], b: included[1], rho: 0.5 }] })}
          >
            Add a correlation
          </Button>
        </fieldset>
        <div className={styles.row}>
          <NumberBox label="Trials" value={a.trials} onChange={(trials) => set({ trials })} />
          <NumberBox label="Seed" value={a.seed} onChange={(seed) => set({ seed })} />
        </div>
      </>
    );
  }

  /** A goal seek's answer (or why there is none), with Apply to the scenario and Cancel. */
  function goalSeekAnswer(a: Of<"goalseek">, result: GoalSeek): ReactNode {
    const input = inputOf(a.input)!;
    const out = outputOf(a.output)!;
    const seek = result.result;
    return (
      <section aria-label="Goal seek answer" className={styles.form}>
        {seek.found ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              {input.label} = {shownAs(seek.x, input.format)} gives {out.label} = {shownAs(seek.value, out.format)}{" "}
              (target {shownAs(a.target, out.format)}), after {seek.evaluations} evaluations.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              No solution in range: {seek.reason}
              {seek.closest &&
                ` Closest: ${input.label} = ${shownAs(seek.closest.x, input.format)} gives ${shownAs(seek.closest.value, out.format)}.`}
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.row}>
          {seek.found && (
            <Button appearance="primary" onClick={() => setAsking(true)}>
              Apply to the scenario
            </Button>
          )}
          <Button onClick={() => setAnswer(undefined)}>Cancel</Button>
        </div>
        <Dialog open={asking} onOpenChange={(_, d) => !d.open && setAsking(false)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Apply to "{scenario.name}"?</DialogTitle>
              <DialogContent>
                {seek.found &&
                  `${input.label} becomes ${shownAs(seek.x, input.format)} (now ${shownAs(input.value, input.format)}). ` +
                    "The scenario's sheet is regenerated with this value; your other inputs stay as they are."}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => seek.found && void apply(input, seek.x)}>
                  Apply
                </Button>
                <Button onClick={() => setAsking(false)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </section>
    );
  }
}

/** What the output shows in the scenario as it stands: its value, or its error with the message. */
function nowText(model: ScenarioModel, output: ModelOutput): string {
  const outcome = model.evaluate(output.name);
  return "value" in outcome
    ? `Now ${shownAs(outcome.value, output.format)}`
    : `Now ${outcome.error} ${outcome.message}`;
}

/** The accepted range of an input in words. */
function acceptsText(i: ModelInput): string {
  const whole = i.integer ? "whole numbers " : "";
  return `${whole}${i.minExclusive ? "above" : "from"} ${i.min.toLocaleString("en-US")} ${i.minExclusive ? "up to" : "to"} ${i.max.toLocaleString("en-US")}`;
}

/** A data table's values for `key`: 7 across its default swing. */
function tableValues(model: ScenarioModel, key: string): number[] {
  const input = model.inputs.find((i) => i.key === key)!;
  return valuesAcross(input, swingOf(model, input), 7);
}

/** A distribution as another kind, keeping its centre and spread (a normal's ±3 sd as min and max). */
function convert(d: Distribution, kind: Distribution["kind"]): Distribution {
  if (kind === d.kind) return d;
  if (kind === "normal")
    return d.kind === "normal" ? d : { kind, mean: d.likely, sd: Number(((d.max - d.min) / 6).toPrecision(6)) };
  if (d.kind === "normal") return { kind, min: d.mean - 3 * d.sd, likely: d.mean, max: d.mean + 3 * d.sd };
  return { ...d, kind };
}
