import { functions } from "../../src/functions";
import { CONTRACT } from "../contract";
import { loadMetadata, Metadata } from "../metadata";

let metadata: Metadata;
beforeAll(async () => {
  metadata = await loadMetadata();
}, 60000);

describe("generated functions.json", () => {
  test("lists exactly the functions of the function table", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(functions).sort());
  });

  test("every catalogued function is present", () => {
    const ids = new Set(metadata.functions.map((f) => f.id));
    for (const id of Object.keys(CONTRACT)) expect(ids).toContain(id);
  });

  test("catalogued parameters keep their names, order and optional flags; appended ones are optional", () => {
    for (const fn of metadata.functions) {
      const contract = CONTRACT[fn.id];
      if (!contract) continue;
      const actual = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
      expect(actual.slice(0, contract.params.length)).toEqual(contract.params);
      for (const extra of fn.parameters.slice(contract.params.length)) expect(extra.optional).toBe(true);
    }
  });

  test("spilling functions return a matrix, the others a scalar", () => {
    for (const fn of metadata.functions) {
      const spills = CONTRACT[fn.id]?.spills ?? false;
      expect({ id: fn.id, matrix: fn.result.dimensionality === "matrix" }).toEqual({ id: fn.id, matrix: spills });
    }
  });

  test("every function has a description, described parameters and a help URL into the reference", () => {
    for (const fn of metadata.functions) {
      expect(fn.description.length).toBeGreaterThan(20);
      expect(fn.helpUrl).toBe(`https://localhost:3000/functions.html#${fn.id}`);
      for (const p of fn.parameters) expect((p.description ?? "").length).toBeGreaterThan(5);
    }
  });

  test("parameter names are snake_case, as Excel shows them", () => {
    for (const fn of metadata.functions) for (const p of fn.parameters) expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
  });
});
