/** A generated sheet's chart (column, bar or line), drawn as SVG from the cells it refers to. */
import { cell, cellsOf } from "../scenario/plan";
import { MemorySheet } from "../workbook/memory";

const COLORS = ["#0f6cbd", "#c50f1f", "#107c10", "#8764b8", "#ca5010"];
const W = 420;
const H = 220;
const PAD = 32;

export function Chart({ spec, sheet }: { spec: MemorySheet["charts"][number]; sheet: MemorySheet }) {
  const read = (range: string) =>
    cellsOf(range.replace(/^.*!/, ""))
      .flat()
      .map((p) => sheet.cells.get(cell(p.row, p.col))?.value ?? null);
  const labels = read(spec.categories).map((v) => (v === null ? "" : String(v)));
  const series = spec.series.map((s) => ({
    name: s.name,
    values: read(s.values).map((v) => (typeof v === "number" ? v : 0)),
  }));
  const all = series.flatMap((s) => s.values);
  const [lo, hi] = [Math.min(0, ...all), Math.max(0, ...all)];
  const y = (v: number) => H - PAD - ((v - lo) / (hi - lo || 1)) * (H - 2 * PAD);
  const step = (W - 2 * PAD) / Math.max(labels.length, 1);
  return (
    <figure aria-label={`Chart ${spec.title}`} data-chart={spec.name} style={{ margin: 0 }}>
      <svg width={W} height={H} role="img" aria-label={spec.title}>
        <text x={W / 2} y={14} textAnchor="middle" fontSize={12}>
          {spec.title}
        </text>
        <line x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} stroke="#888" />
        {series.map((s, k) =>
          spec.type === "Line" ? (
            <polyline
              key={s.name}
              fill="none"
              stroke={COLORS[k % COLORS.length]}
              points={s.values.map((v, i) => `${PAD + step * (i + 0.5)},${y(v)}`).join(" ")}
            />
          ) : (
            s.values.map((v, i) => (
              <rect
                key={`${s.name}${i}`}
                x={PAD + step * i + (step / (series.length + 1)) * (k + 0.5)}
                width={step / (series.length + 1)}
                y={Math.min(y(v), y(0))}
                height={Math.abs(y(v) - y(0))}
                fill={COLORS[k % COLORS.length]}
              >
                <title>{`${labels[i]}: ${v}`}</title>
              </rect>
            ))
          ),
        )}
      </svg>
      <figcaption style={{ fontSize: 11 }}>{series.map((s) => s.name).join(" · ")}</figcaption>
    </figure>
  );
}
