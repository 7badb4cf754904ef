/**
 * The scenario pane (loaded lazily, after the custom functions): lists the workbook's scenarios and
 * runs the wizard, edit, duplicate, rename, delete, freeze/restore and Compare through a
 * ScenarioBook over a workbook port, and opens a scenario's what-if analyses (./WhatIf.tsx). Scenario names are untrusted and only ever rendered as text.
 */
import {
  Badge,
  Button,
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
  Subtitle1,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Kind } from "../scenario/fields";
import { Scenario, nameProblem } from "../scenario/schema";
import { StoreState } from "../scenario/store";
import { WorkbookPort } from "../workbook/port";
import { WhatIfBook } from "../workbook/whatif";
import { Removed, ScenarioBook, ScenarioDraft, draftOf, duplicateNameProblem } from "../workbook/scenarios";
import { Message, Notice, failure } from "./Notice";
import { WhatIf } from "./WhatIf";
import { CompareControls } from "./CompareControls";
import { KIND_LABELS, Wizard, newDraft } from "./Wizard";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: {
    listStyle: "none",
    padding: 0,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

const STATUS_TEXT: Record<Exclude<StoreState["status"], "ok" | "empty">, string> = {
  corrupt:
    "The scenarios stored in this workbook are damaged, so the pane will not change them (except to delete one you choose).",
  newer: "This workbook's scenarios were saved by a newer version of Balance Point. Update the add-in to change them.",
  oversized: "The scenario store in this workbook is larger than the pane accepts, so it will not change it.",
};

type View =
  | { mode: "list" }
  | { mode: "new"; kind: Kind }
  | { mode: "edit"; scenario: Scenario }
  | { mode: "whatif"; scenario: Scenario };
type Confirm = { title: string; body: string; action: string; run: () => Promise<unknown> };
/** What the pane says after a delete, by what happened to the sheet. */
function removedText({ sheet, outcome }: Removed): string {
  if (outcome === "deleted") return "Scenario deleted.";
  if (outcome === "missing") return `Scenario deleted. Its sheet "${sheet}" was already gone.`;
  return `Scenario deleted. The sheet "${sheet}" no longer holds this scenario, so the pane left it as it is.`;
}

export default function ScenarioPane({ workbook }: { workbook: WorkbookPort }) {
  const styles = useStyles();
  const book = useMemo(() => new ScenarioBook(workbook), [workbook]);
  const whatIf = useMemo(() => new WhatIfBook(workbook, book), [workbook, book]);
  const [state, setState] = useState<StoreState | undefined>();
  const [view, setView] = useState<View>({ mode: "list" });
  const [message, setMessage] = useState<Message | undefined>();
  /** Why the store could not be read (the list shown, if any, is the last one read). */
  const [loadError, setLoadError] = useState<string | undefined>();
  const [confirm, setConfirm] = useState<Confirm | undefined>();
  const [renaming, setRenaming] = useState<{ scenario: Scenario; name: string } | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);

  /** Reads the store again; a failure is shown with a Retry, never left as a pane that waits forever. */
  const refresh = useCallback(async () => {
    try {
      setState(await book.load());
      setLoadError(undefined);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [book]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Runs a store operation, reports the outcome in words (a failure with a Retry) and reloads the list. */
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  const act = async <T,>(done: string | ((result: T) => string), operation: () => Promise<T>): Promise<void> => {
    try {
      const result = await operation();
      setMessage({ intent: "success", text: typeof done === "string" ? done : done(result) });
      setView({ mode: "list" });
    } catch (error) {
      const { text, retriable } = failure(error);
      setMessage({ intent: "error", text, retry: retriable ? () => void act(done, operation) : undefined });
    }
    await refresh();
  };

  const loadNotice = loadError && (
    <Notice
      message={{
        intent: "error",
        text: `The pane could not read the workbook's scenarios: ${loadError}`,
        retry: () => void refresh(),
      }}
    />
  );
  if (!state)
    return loadError ? (
      <section className={styles.root} aria-label="Scenarios">
        {loadNotice}
      </section>
    ) : (
      <Text>Reading the workbook's scenarios…</Text>
    );
  const entries = state.status === "ok" || state.status === "corrupt" ? state.entries.map((e) => e.scenario) : [];

  if (view.mode === "whatif")
    return (
      <WhatIf
        whatIf={whatIf}
        scenario={view.scenario}
        onApplied={() => void refresh()}
        onBack={() => (setMessage(undefined), setView({ mode: "list" }), void refresh())}
      />
    );
  if (view.mode !== "list") {
    const editing = view.mode === "edit" ? view.scenario : undefined;
    const submit = async (draft: ScenarioDraft): Promise<void> => {
      try {
        const done = editing ? await book.update(editing.id, draft) : await book.create(draft);
        const unfrozen = editing?.frozen && !done.frozen;
        setMessage({
          intent: "success",
          text: !editing
            ? "Scenario created."
            : unfrozen
              ? "Scenario updated. It is no longer frozen: its new values were still calculating; freeze it again when they show."
              : "Scenario updated.",
        });
        setView({ mode: "list" });
        await refresh();
      } catch (error) {
        const { text, retriable } = failure(error);
        setMessage({ intent: "error", text, retry: retriable ? () => void submit(draft) : undefined });
      }
    };
    return (
      <section className={styles.root} aria-label="Scenario wizard">
        {message?.intent === "error" && <Notice message={message} />}
        <Wizard
          initial={editing ? draftOf(editing) : newDraft(view.mode === "new" ? view.kind : "redundancy")}
          submitLabel={editing ? "Update the sheet" : "Create the sheet"}
          checkName={(name) => duplicateNameProblem(name, entries, editing?.id)}
          onCancel={() => setView({ mode: "list" })}
          onSubmit={submit}
        />
      </section>
    );
  }

  const locked = state.status !== "ok" && state.status !== "empty";
  const renameProblem =
    renaming && (nameProblem(renaming.name) ?? duplicateNameProblem(renaming.name, entries, renaming.scenario.id));
  return (
    <section className={styles.root} aria-label="Scenarios">
      <Subtitle1 as="h2">Scenarios</Subtitle1>
      {loadNotice}
      {message && <Notice message={message} />}
      {locked && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {STATUS_TEXT[state.status as keyof typeof STATUS_TEXT]}
            {"problems" in state && (
              <ul>
                {state.problems.slice(0, 5).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
            <Button
              onClick={() =>
                setConfirm({
                  title: "Start a new scenario store?",
                  body: "The current store is kept, renamed to a visible backup sheet, and nothing is deleted. The pane then starts an empty store; the scenario sheets stay as they are.",
                  action: "Keep a backup and start new",
                  run: () =>
                    act("The old store is kept as a backup sheet; a new store is ready.", () => book.resetStore()),
                })
              }
            >
              Start a new store…
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        {(["redundancy", "fleet", "buildout"] as Kind[]).map((kind) => (
          <Button key={kind} disabled={locked} onClick={() => (setMessage(undefined), setView({ mode: "new", kind }))}>
            New {KIND_LABELS[kind].toLowerCase()} scenario
          </Button>
        ))}
      </div>
      {entries.length === 0 ? (
        <Text>No scenarios in this workbook yet.</Text>
      ) : (
        <ul className={styles.list} aria-label="Scenarios in this workbook">
          {entries.map((s) => (
            <li key={s.id} className={styles.item} aria-label={s.name}>
              <div className={styles.row}>
                <Checkbox
                  label={s.name}
                  checked={chosen.includes(s.id)}
                  onChange={(_, d) => setChosen(d.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))}
                />
                <Badge appearance="outline">{KIND_LABELS[s.kind]}</Badge>
                {s.frozen && <Badge color="informative">Frozen</Badge>}
              </div>
              <div className={styles.row}>
                <Button
                  size="small"
                  disabled={locked}
                  onClick={async function open() {
                    setMessage(undefined);
                    try {
                      setView({ mode: "edit", scenario: await book.current(s.id) });
                    } catch (error) {
                      const { text, retriable } = failure(error);
                      setMessage({ intent: "error", text, retry: retriable ? () => void open() : undefined });
                    }
                  }}
                >
                  Open
                </Button>
                <Button
                  size="small"
                  disabled={locked}
                  onClick={() => (setMessage(undefined), setView({ mode: "whatif", scenario: s }))}
                >
                  What-if…
                </Button>
                <Button
                  size="small"
                  disabled={locked}
                  onClick={() => act("Scenario duplicated.", () => book.duplicate(s.id))}
                >
                  Duplicate
                </Button>
                <Button size="small" disabled={locked} onClick={() => setRenaming({ scenario: s, name: s.name })}>
                  Rename
                </Button>
                {s.frozen ? (
                  <Button
                    size="small"
                    disabled={locked}
                    onClick={() => act("Formulas restored.", () => book.restore(s.id))}
                  >
                    Restore formulas
                  </Button>
                ) : (
                  <Button
                    size="small"
                    disabled={locked}
                    onClick={() =>
                      act("Frozen: the sheet shows values; the formulas are kept in the store.", () =>
                        book.freeze(s.id),
                      )
                    }
                  >
                    Freeze for sharing
                  </Button>
                )}
                <Button
                  size="small"
                  disabled={locked && state.status !== "corrupt"}
                  onClick={() =>
                    setConfirm({
                      title: `Delete "${s.name}"?`,
                      body:
                        `This deletes the sheet "${s.sheet}" and everything on it, including cells you added there ` +
                        "(a sheet that no longer holds this scenario is left as it is). " +
                        "If the Compare sheet shows this scenario, its column shows #REF! until you compare again.",
                      action: "Delete",
                      run: () => act(removedText, () => book.remove(s.id)),
                    })
                  }
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && (
        <CompareControls
          scenarios={entries}
          chosen={chosen}
          locked={locked}
          onCompare={(ids, base) =>
            act(
              ({ moved }: { moved?: string }) =>
                moved
                  ? `The Compare sheet is up to date. The sheet named Compare that the pane did not know is kept as "${moved}".`
                  : "The Compare sheet is up to date.",
              () => book.compare(ids, base),
            )
          }
        />
      )}
      <Dialog open={!!confirm} onOpenChange={(_, d) => !d.open && setConfirm(undefined)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{confirm?.title}</DialogTitle>
            <DialogContent>{confirm?.body}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => (confirm?.run(), setConfirm(undefined))}>
                {confirm?.action}
              </Button>
              <Button onClick={() => setConfirm(undefined)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={!!renaming} onOpenChange={(_, d) => !d.open && setRenaming(undefined)}>
        <DialogSurface>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!renaming || renameProblem) return;
              const { scenario, name } = renaming;
              setRenaming(undefined);
              void act("Scenario renamed.", () => book.rename(scenario.id, name));
            }}
          >
            <DialogBody>
              <DialogTitle>Rename scenario</DialogTitle>
              <DialogContent>
                <Field
                  label="New name"
                  validationMessage={renameProblem}
                  validationState={renameProblem ? "error" : "none"}
                >
                  <Input
                    value={renaming?.name ?? ""}
                    onChange={(_, d) => renaming && setRenaming({ ...renaming, name: d.value })}
                  />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button type="submit" appearance="primary">
                  Rename
                </Button>
                <Button type="button" onClick={() => setRenaming(undefined)}>
                  Cancel
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
