/**
 * The precedence network of a task table: predecessors resolved to indices, a topological order
 * (Kahn 1962), and risk groups. A cycle or an unknown predecessor is refused with its names.
 */
import { quoteName, shortName, Task, TaskTableError, taskKey } from "./tasks";

/** Names a cycle message lists before it stops. */
const CYCLE_SHOWN = 10;

export interface Plan {
  tasks: Task[];
  /** Task indices, every task after all of its predecessors. */
  order: number[];
  predecessors: number[][];
  /** Distinct risk groups, and each task's group index (−1 for none). */
  groups: string[];
  groupOf: number[];
}

export function planOf(tasks: Task[]): Plan {
  const index = new Map(tasks.map((t, i) => [taskKey(t.name), i]));
  const predecessors = tasks.map((t) =>
    t.predecessors.map((name) => {
      const p = index.get(taskKey(name));
      if (p === undefined) {
        throw new TaskTableError(`task ${quoteName(t.name)} names an unknown predecessor ${quoteName(name)}.`);
      }
      return p;
    }),
  );
  const groups = [...new Set(tasks.flatMap((t) => (t.group === null ? [] : [t.group])))];
  return {
    tasks,
    order: topologicalOrder(tasks, predecessors),
    predecessors,
    groups,
    groupOf: tasks.map((t) => (t.group === null ? -1 : groups.indexOf(t.group))),
  };
}

function topologicalOrder(tasks: Task[], predecessors: number[][]): number[] {
  const waiting = predecessors.map((p) => p.length);
  const successors: number[][] = tasks.map(() => []);
  predecessors.forEach((ps, i) => ps.forEach((p) => successors[p].push(i)));
  const order = waiting.flatMap((w, i) => (w === 0 ? [i] : []));
  for (let k = 0; k < order.length; k++) {
    for (const s of successors[order[k]]) if (--waiting[s] === 0) order.push(s);
  }
  if (order.length < tasks.length) {
    const cycle = findCycle(waiting, predecessors).map((i) => shortName(tasks[i].name));
    const shown = cycle.length > CYCLE_SHOWN ? [...cycle.slice(0, CYCLE_SHOWN), "…"] : cycle;
    throw new TaskTableError(`the predecessors form a cycle: ${shown.join(" → ")}.`);
  }
  return order;
}

/** A cycle among the tasks Kahn's algorithm could not order, as names in precedence order. */
function findCycle(waiting: number[], predecessors: number[][]): number[] {
  const path: number[] = [];
  const at = new Map<number, number>();
  let node = waiting.findIndex((w) => w > 0);
  while (!at.has(node)) {
    at.set(node, path.length);
    path.push(node);
    node = predecessors[node].find((p) => waiting[p] > 0)!;
  }
  const cycle = path.slice(at.get(node)).reverse();
  return [...cycle, cycle[0]];
}
