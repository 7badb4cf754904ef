/** @jest-environment jsdom */
/** The pane's Compare controls: the base among the chosen scenarios and the Compare button. */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { CompareControls, CompareControlsProps } from "../../src/taskpane/CompareControls";

const scenarios = [
  { id: "a", name: "Site A" },
  { id: "b", name: `It's =HYPERLINK("x") <b>B</b>` },
  { id: "c", name: "Fleet C" },
];

function show(props: Partial<CompareControlsProps> = {}) {
  const onCompare = jest.fn();
  const all = { scenarios, chosen: ["c", "a"], locked: false, onCompare, ...props };
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <CompareControls {...all} />
    </FluentProvider>,
  );
  const rerender = (next: Partial<CompareControlsProps>) =>
    view.rerender(
      <FluentProvider theme={webLightTheme}>
        <CompareControls {...all} {...next} />
      </FluentProvider>,
    );
  return { onCompare, rerender };
}

const select = () => screen.getByLabelText(/^Base scenario/) as HTMLSelectElement;
const options = () =>
  within(select())
    .getAllByRole("option")
    .map((o) => o.textContent);
const button = () => screen.getByRole("button", { name: "Compare chosen scenarios" }) as HTMLButtonElement;

describe("CompareControls", () => {
  test("the base select lists the chosen scenarios in the order chosen and defaults to the first", () => {
    const { onCompare } = show();
    expect(options()).toEqual(["Fleet C", "Site A"]);
    expect(select().value).toBe("c");
    fireEvent.click(button());
    expect(onCompare).toHaveBeenCalledWith(["c", "a"], "c");
  });

  test("another base is passed with the chosen scenarios; unticking it falls back to the first chosen", () => {
    const { onCompare, rerender } = show({ chosen: ["a", "b", "c"] });
    fireEvent.change(select(), { target: { value: "b" } });
    expect(select().value).toBe("b");
    fireEvent.click(button());
    expect(onCompare).toHaveBeenLastCalledWith(["a", "b", "c"], "b");
    rerender({ chosen: ["a", "c"] });
    expect([options(), select().value]).toEqual([["Site A", "Fleet C"], "a"]);
    fireEvent.click(button());
    expect(onCompare).toHaveBeenLastCalledWith(["a", "c"], "a");
  });

  test("a scenario name is shown as text, never as markup", () => {
    show({ chosen: ["b"] });
    expect(options()).toEqual([scenarios[1].name]);
    expect(select().querySelector("b")).toBeNull();
  });

  test("chosen ids no longer listed (a co-author deleted the scenario) are left out", () => {
    const { onCompare } = show({ chosen: ["gone", "a"] });
    expect(options()).toEqual(["Site A"]);
    fireEvent.click(button());
    expect(onCompare).toHaveBeenCalledWith(["a"], "a");
  });

  test.each([
    ["nothing is chosen", { chosen: [] }],
    ["only scenarios no longer listed are chosen", { chosen: ["gone"] }],
    ["the store is locked", { locked: true }],
  ])("the button is disabled when %s", (_, props) => {
    const { onCompare } = show(props);
    expect(button().disabled).toBe(true);
    fireEvent.click(button());
    expect(onCompare).not.toHaveBeenCalled();
  });
});
