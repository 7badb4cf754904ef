/** @jest-environment jsdom */
/** Issue 12 point 5 in the wizard: risk events and the "normal" distribution in the build-out task step. */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Wizard, newDraft } from "../../src/taskpane/Wizard";
import { ScenarioDraft } from "../../src/workbook/scenarios";

function wizard() {
  const submitted: ScenarioDraft[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <Wizard
        initial={newDraft("buildout")}
        submitLabel="Create the sheet"
        onSubmit={async (d) => void submitted.push(d)}
        onCancel={() => undefined}
      />
    </FluentProvider>,
  );
  return submitted;
}

const click = (name: string | RegExp) => fireEvent.click(screen.getByRole("button", { name }));
const risk = (n: number) => within(screen.getByRole("group", { name: `Risk event ${n}` }));

describe("the build-out wizard's risk events", () => {
  test('adds a "never" event on a task, refuses a bad probability inline, and submits the events', async () => {
    const submitted = wizard();
    expect(screen.getAllByRole("option", { name: "normal" }).length).toBeGreaterThan(0);
    click("Add a risk event");
    fireEvent.change(risk(1).getByRole("combobox"), { target: { value: "Grid connection" } });
    fireEvent.change(risk(1).getByLabelText("Probability (0–1)"), { target: { value: "1.5" } });
    fireEvent.change(risk(1).getByLabelText('Delay (months, or "never")'), { target: { value: "never" } });
    click("Next");
    expect(screen.getByRole("alert").textContent).toBe("Risk event 1: the probability is a number from 0 to 1.");
    fireEvent.change(risk(1).getByLabelText("Probability (0–1)"), { target: { value: "0.81" } });
    click("Next");
    click("Next");
    click("Create the sheet");
    await screen.findByRole("button", { name: "Create the sheet" });
    expect(submitted.at(-1)).toMatchObject({
      kind: "buildout",
      risks: [{ task: "Grid connection", probability: 0.81, delay: "never", source: "" }],
    });
  });

  test("renaming a task renames its events; removing the task removes them", () => {
    wizard();
    click("Add a risk event");
    const first = within(screen.getByRole("group", { name: "Task 1" }));
    fireEvent.change(first.getByLabelText("Task name"), { target: { value: "Land" } });
    expect((risk(1).getByRole("combobox") as HTMLSelectElement).value).toBe("Land");
    click("Remove task 1");
    expect(screen.queryByRole("group", { name: "Risk event 1" })).toBeNull();
  });
});
