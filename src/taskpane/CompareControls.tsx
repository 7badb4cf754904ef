/**
 * The pane's Compare controls: which of the chosen scenarios is the base the summary's changes are
 * measured against, and the button that writes the Compare sheet (ScenarioBook.compare). Scenario
 * names are untrusted and only ever rendered as text.
 */
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { Scenario } from "../scenario/schema";

const useStyles = makeStyles({
  root: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
});

export interface CompareControlsProps {
  /** The scenarios the pane lists. */
  scenarios: readonly Pick<Scenario, "id" | "name">[];
  /** Ids of the scenarios ticked for comparing, in the order they were ticked; ids no longer listed are ignored. */
  chosen: readonly string[];
  /** True while the store cannot be written (damaged, newer, oversized): the button is disabled. */
  locked: boolean;
  /** Writes the Compare sheet for `ids` (the chosen scenarios still listed) against `baseId`, one of them. */
  // eslint-disable-next-line no-unused-vars -- a parameter of a signature (the base rule misreads .tsx types)
  onCompare(ids: string[], baseId: string): void;
}

/**
 * A select of the base among the chosen scenarios (the first chosen until another is picked, and
 * again when the picked one is unticked) and the "Compare chosen scenarios" button, disabled with
 * nothing chosen or a locked store.
 */
export function CompareControls({ scenarios, chosen, locked, onCompare }: CompareControlsProps) {
  const styles = useStyles();
  const [picked, setPicked] = useState<string | undefined>();
  const ids = chosen.filter((id) => scenarios.some((s) => s.id === id));
  const base = picked !== undefined && ids.includes(picked) ? picked : ids[0];
  const nameOf = (id: string) => scenarios.find((s) => s.id === id)!.name;
  return (
    <div className={styles.root}>
      <Field label="Base scenario (changes are measured against it)">
        <Select value={base ?? ""} disabled={ids.length === 0} onChange={(_, d) => setPicked(d.value)}>
          {ids.map((id) => (
            <option key={id} value={id}>
              {nameOf(id)}
            </option>
          ))}
        </Select>
      </Field>
      <Button disabled={locked || base === undefined} onClick={() => base !== undefined && onCompare(ids, base)}>
        Compare chosen scenarios
      </Button>
    </div>
  );
}
