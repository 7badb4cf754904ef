/** The scenario wizard: a few short steps per kind, sourced defaults, inline validation. */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Caption1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ReactNode, useState } from "react";
import { FIELDS, Kind, field, modulesNeeded, numberProblem } from "../scenario/fields";
import {
  BuildoutRisk,
  BuildoutTask,
  CHIP_NAMES,
  CUSTOM_CHIP,
  DISTRIBUTIONS,
  MAX_RISKS,
  MAX_TASKS,
  TOPOLOGIES,
  nameProblem,
  riskProblem,
  taskNameProblem,
  topologyProblem,
} from "../scenario/schema";
import { defaultValues, templateTasks } from "../scenario/sheets";
import { NEVER } from "../model/buildout/risks";
import { ScenarioDraft } from "../workbook/scenarios";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  task: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
});

export const KIND_LABELS: Record<Kind, string> = { redundancy: "Redundancy", fleet: "Fleet", buildout: "Build-out" };

/** A new draft of `kind` with the sourced defaults. */
export function newDraft(kind: Kind): ScenarioDraft {
  const common = { name: `${KIND_LABELS[kind]} scenario`, values: defaultValues(kind) };
  if (kind === "redundancy")
    return { ...common, kind, topologies: ["2N", "2N FLEX", "N+1", "3N/2"], availabilityFrom: "direct" };
  if (kind === "fleet") return { ...common, kind, chip: "GB200", sizing: "count" };
  return { ...common, kind, tasks: templateTasks(), risks: [] };
}

interface Step {
  title: string;
  keys: string[];
  extra?: ReactNode;
}

/** Text typed into the numeric inputs, kept as typed so a half-typed number is not lost. */
type Texts = Record<string, string>;

interface WizardProps {
  initial: ScenarioDraft;
  submitLabel: string;
  /** Why the workbook refuses this name (another scenario has it), or undefined. */
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  checkName?(name: string): string | undefined;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onSubmit(draft: ScenarioDraft): Promise<void>;
  onCancel(): void;
}

export function Wizard(props: WizardProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<ScenarioDraft>(props.initial);
  const [texts, setTexts] = useState<Texts>(() =>
    Object.fromEntries(Object.entries(props.initial.values).map(([k, v]) => [k, String(v)])),
  );
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const kind = draft.kind;
  const number = (key: string) => Number(texts[key]?.trim() === "" ? NaN : texts[key]);
  const problemOf = (key: string) => numberProblem(field(kind, key), number(key));

  const numberField = (key: string) => {
    const spec = field(kind, key);
    const problem = problemOf(key);
    return (
      <Field
        key={key}
        label={`${spec.label} (${spec.unit})`}
        hint={`Default ${spec.default.toLocaleString("en-US")}: ${spec.source}`}
        validationMessage={problem}
        validationState={problem ? "error" : "none"}
      >
        <Input
          inputMode="decimal"
          value={texts[key] ?? ""}
          onChange={(_, d) => setTexts({ ...texts, [key]: d.value })}
        />
      </Field>
    );
  };

  const steps = stepsFor(draft, { set: setDraft, texts, setTexts }, styles.task, styles.row);
  const current = steps[step];
  const last = step === steps.length - 1;
  const stepProblems = current.keys.filter((k) => problemOf(k));
  const extraProblem = stepProblem(
    draft,
    modulesNeeded({
      modules_needed: number("modules_needed"),
      it_load_mw: number("it_load_mw"),
      ups_module_mw: number("ups_module_mw"),
    }),
  );
  const nameIssue = nameProblem(draft.name) ?? props.checkName?.(draft.name);

  const submit = async () => {
    const values = Object.fromEntries(FIELDS[kind].map((f) => [f.key, number(f.key)]));
    setBusy(true);
    try {
      await props.onSubmit({ ...draft, values } as ScenarioDraft);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.form}
      aria-label={`${KIND_LABELS[kind]} scenario wizard`}
      onSubmit={(e) => {
        e.preventDefault();
        if (stepProblems.length || (extraProblem && current.title === extraProblem.step)) return;
        if (last) void submit();
        else setStep(step + 1);
      }}
    >
      <Subtitle2 as="h3">
        Step {step + 1} of {steps.length}: {current.title}
      </Subtitle2>
      {current.title === "Name" && (
        <Field label="Scenario name" validationMessage={nameIssue} validationState={nameIssue ? "error" : "none"}>
          <Input value={draft.name} onChange={(_, d) => setDraft({ ...draft, name: d.value })} />
        </Field>
      )}
      {current.extra}
      {extraProblem && current.title === extraProblem.step && <Caption1 role="alert">{extraProblem.message}</Caption1>}
      {current.keys.map(numberField)}
      <div className={styles.row}>
        {step > 0 && (
          <Button type="button" onClick={() => setStep(step - 1)}>
            Back
          </Button>
        )}
        <Button type="submit" appearance="primary" disabled={busy || (last && !!nameIssue)}>
          {last ? props.submitLabel : "Next"}
        </Button>
        <Button type="button" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** A problem that belongs to a step rather than one field (topologies with N = `n`, task rows). */
function stepProblem(draft: ScenarioDraft, n: number): { step: string; message: string } | undefined {
  if (draft.kind === "redundancy") {
    if (!draft.topologies.length) return { step: "Power", message: "Choose at least one topology." };
    const problem = Number.isInteger(n) && n >= 1 ? topologyProblem(draft.topologies, n) : undefined;
    return problem ? { step: "Power", message: problem } : undefined;
  }
  if (draft.kind === "buildout") {
    for (const [i, t] of draft.tasks.entries()) {
      const named = taskNameProblem(t.name);
      if (named) return { step: "Tasks", message: `Task ${i + 1}: ${named}` };
      if (!(t.min >= 0 && t.min <= t.likely && t.likely <= t.max && t.max <= 600) || !(t.mw >= 0))
        return { step: "Tasks", message: `Task ${i + 1} needs months with 0 ≤ min ≤ likely ≤ max ≤ 600.` };
    }
    const names = draft.tasks.map((t) => t.name);
    for (const [i, r] of draft.risks.entries()) {
      const problem = riskProblem(r, names);
      if (problem) return { step: "Tasks", message: `Risk event ${i + 1}: ${problem}` };
    }
  }
  return undefined;
}

interface DraftSetter {
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  set(draft: ScenarioDraft): void;
  /** The text typed in the wizard's fields, by key (number fields keep what was typed, e.g. "1."). */
  texts: Texts;
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  setTexts(texts: Texts): void;
}

/** A number field's text as typed, while it still reads as `value` (NaN: blank or not a number). */
function shown(text: string | undefined, value: number): string {
  const typed = text === undefined ? undefined : text.trim() === "" ? NaN : Number(text);
  const same = typed !== undefined && (Object.is(typed, value) || typed === value);
  return same ? text! : Number.isNaN(value) ? "" : String(value);
}

function stepsFor(
  draft: ScenarioDraft,
  { set: setDraft, texts, setTexts }: DraftSetter,
  taskClass: string,
  rowClass: string,
): Step[] {
  const name: Step = { title: "Name", keys: [] };
  if (draft.kind === "redundancy") {
    const toggle = (t: string, on: boolean) =>
      setDraft({ ...draft, topologies: on ? [...draft.topologies, t] : draft.topologies.filter((x) => x !== t) });
    return [
      { title: "Site", keys: ["grid_mw", "pue", "utilization", "tokens_per_s_per_mw", "price_per_m_tokens"] },
      {
        title: "Power",
        keys: [
          "it_load_mw",
          "ups_module_mw",
          "modules_needed",
          ...(draft.availabilityFrom === "direct"
            ? ["module_availability"]
            : ["module_mtbf_hours", "module_mttr_hours"]),
          "common_cause_beta",
        ],
        extra: (
          <>
            <fieldset>
              <legend>Topologies to compare (FLEX runs interruptible work on the reserve)</legend>
              {TOPOLOGIES.map((t) => (
                <Checkbox
                  key={t}
                  label={t}
                  checked={draft.topologies.includes(t)}
                  onChange={(_, d) => toggle(t, d.checked === true)}
                />
              ))}
            </fieldset>
            <Field label="Module availability from">
              <RadioGroup
                value={draft.availabilityFrom}
                onChange={(_, d) => setDraft({ ...draft, availabilityFrom: d.value as "direct" | "mtbf" })}
              >
                <Radio value="direct" label="A figure" />
                <Radio value="mtbf" label="MTBF and MTTR" />
              </RadioGroup>
            </Field>
          </>
        ),
      },
      name,
    ];
  }
  if (draft.kind === "fleet") {
    return [
      {
        title: "Accelerator",
        keys: [
          ...(draft.chip === CUSTOM_CHIP ? ["custom_bf16_tflops"] : []),
          "system_kw",
          "accelerators_per_system",
          draft.sizing === "count" ? "accelerators" : "grid_mw",
          "pue",
        ],
        extra: (
          <>
            <Field label="Accelerator (catalog, or Custom)">
              <Select value={draft.chip} onChange={(_, d) => setDraft({ ...draft, chip: d.value })}>
                {CHIP_NAMES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            </Field>
            <Field label="Fleet size">
              <RadioGroup
                value={draft.sizing}
                onChange={(_, d) => setDraft({ ...draft, sizing: d.value as "count" | "power" })}
              >
                <Radio value="count" label="A number of accelerators" />
                <Radio value="power" label="As many as the site's power allows" />
              </RadioGroup>
            </Field>
          </>
        ),
      },
      {
        title: "Workload",
        keys: [
          "training_share",
          "accel_mtbf_hours",
          "ckpt_write_min",
          "restart_min",
          "mfu",
          "utilization",
          "tokens_per_s_per_mw",
          "throughput_mfu",
          "price_per_m_tokens",
        ],
      },
      {
        title: "Cost",
        keys: [
          "facility_capex_per_mw",
          "capex_per_accelerator_usd",
          "power_price_per_mwh",
          "it_life_years",
          "facility_life_years",
          "discount_rate",
        ],
      },
      name,
    ];
  }
  const tasks = draft.tasks;
  const risks = draft.risks;
  const names = tasks.map((t) => t.name);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  /** Edits task i; its risk events follow a rename. */
  const set = (i: number, patch: Partial<BuildoutTask>) =>
    setDraft({
      ...draft,
      tasks: tasks.map((t, j) => (j === i ? { ...t, ...patch } : t)),
      risks:
        patch.name === undefined
          ? risks
          : risks.map((r) => (same(r.task, tasks[i].name) ? { ...r, task: patch.name! } : r)),
    });
  const setRisk = (i: number, patch: Partial<BuildoutRisk>) =>
    setDraft({ ...draft, risks: risks.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const num = (i: number, key: "min" | "likely" | "max" | "mw", label: string) => (
    <Field label={label}>
      <Input
        inputMode="decimal"
        value={shown(texts[`task_${i}_${key}`], tasks[i][key])}
        onChange={(_, d) => {
          setTexts({ ...texts, [`task_${i}_${key}`]: d.value });
          set(i, { [key]: d.value.trim() === "" ? NaN : Number(d.value) });
        }}
      />
    </Field>
  );
  return [
    {
      title: "Tasks",
      keys: [],
      extra: (
        <>
          {tasks.map((t, i) => (
            <fieldset key={i} className={taskClass}>
              <legend>Task {i + 1}</legend>
              <Field label="Task name">
                <Input value={t.name} onChange={(_, d) => set(i, { name: d.value })} />
              </Field>
              <Field label="Waits for (comma-separated task names)">
                <Input value={t.predecessors} onChange={(_, d) => set(i, { predecessors: d.value })} />
              </Field>
              <div className={rowClass}>
                {num(i, "min", "Min months")}
                {num(i, "likely", "Likely months")}
                {num(i, "max", "Max months")}
                {num(i, "mw", "MW online at finish")}
              </div>
              <Field label="Distribution">
                <Select
                  value={t.distribution}
                  onChange={(_, d) => set(i, { distribution: d.value as BuildoutTask["distribution"] })}
                >
                  {DISTRIBUTIONS.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </Select>
              </Field>
              {t.source && <Caption1>Source: {t.source}</Caption1>}
              <Button
                type="button"
                onClick={() =>
                  setDraft({
                    ...draft,
                    tasks: tasks.filter((_, j) => j !== i),
                    risks: risks.filter((r) => !same(r.task, t.name)),
                  })
                }
              >
                Remove task {i + 1}
              </Button>
            </fieldset>
          ))}
          <Button
            type="button"
            disabled={tasks.length >= MAX_TASKS}
            onClick={() =>
              setDraft({
                ...draft,
                tasks: [
                  ...tasks,
                  {
                    name: `Task ${tasks.length + 1}`,
                    predecessors: "",
                    min: 1,
                    likely: 2,
                    max: 3,
                    distribution: "pert",
                    mw: 0,
                    group: "",
                    source: "",
                  },
                ],
              })
            }
          >
            Add a task
          </Button>
          <Subtitle2 as="h4">Risk events (optional)</Subtitle2>
          <Caption1>
            With the probability, the task takes the delay longer; a delay of &quot;never&quot; means the task, and
            everything after it, may never finish. For example, only about 19 % of generation projects that entered US
            interconnection queues in 2000–2019 reached commercial operation (LBNL, Queued Up, 2025 edition).
          </Caption1>
          {risks.map((r, i) => (
            <fieldset key={i} className={taskClass}>
              <legend>Risk event {i + 1}</legend>
              <Field label="Task">
                <Select value={r.task} onChange={(_, d) => setRisk(i, { task: d.value })}>
                  {[...(names.includes(r.task) ? [] : [r.task]), ...names].map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </Select>
              </Field>
              <div className={rowClass}>
                <Field label="Probability (0–1)">
                  <Input
                    inputMode="decimal"
                    value={shown(texts[`risk_${i}_probability`], r.probability)}
                    onChange={(_, d) => {
                      setTexts({ ...texts, [`risk_${i}_probability`]: d.value });
                      setRisk(i, { probability: d.value.trim() === "" ? NaN : Number(d.value) });
                    }}
                  />
                </Field>
                <Field label={`Delay (months, or "${NEVER}")`}>
                  <Input
                    value={r.delay === NEVER ? NEVER : shown(texts[`risk_${i}_delay`], r.delay)}
                    onChange={(_, d) => {
                      setTexts({ ...texts, [`risk_${i}_delay`]: d.value });
                      const typed = d.value.trim();
                      setRisk(i, {
                        delay: typed.toLowerCase() === NEVER ? NEVER : typed === "" ? NaN : Number(typed),
                      });
                    }}
                  />
                </Field>
              </div>
              <Button type="button" onClick={() => setDraft({ ...draft, risks: risks.filter((_, j) => j !== i) })}>
                Remove risk event {i + 1}
              </Button>
            </fieldset>
          ))}
          <Button
            type="button"
            disabled={risks.length >= MAX_RISKS || names.length === 0}
            onClick={() =>
              setDraft({ ...draft, risks: [...risks, { task: names[0], probability: 0.1, delay: 6, source: "" }] })
            }
          >
            Add a risk event
          </Button>
        </>
      ),
    },
    { title: "Simulation", keys: ["trials", "seed", "horizon_months"] },
    name,
  ];
}
