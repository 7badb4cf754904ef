import { goalSeek } from "../../../src/model/whatif";

describe("goal seek of a target far beyond the output's reach", () => {
  // 1e9·x − 1e30 rounds to −1e30 for every x here: the closest point must still be the nearest value, not the start.
  test.each([
    [1e30, { x: 1, value: 1e9 }],
    [-1e30, { x: 0, value: 0 }],
  ])("target %p: no solution, and the closest is the end of the range nearest the target", (target, closest) => {
    const r = goalSeek((x) => 1e9 * x, target, 0.4, { low: 0, high: 1 });
    expect(r).toMatchObject({ found: false, closest });
    expect(!r.found && r.reason).toContain(`the closest is ${closest.value} at ${closest.x}`);
  });
});
