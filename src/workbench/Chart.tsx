/**
 * A generated sheet's chart drawn as SVG from the cells it refers to, from the same spec Excel
 * gets (scenario/plan.ts ChartSpec): the title, a legend when there is more than one series, axis
 * titles, category labels, gridlines on a value scale whose tick labels use the spec's number
 * format, and data labels when the spec asks. "ColumnClustered" draws vertical columns,
 * "BarClustered" horizontal bars (categories top to bottom, as Excel lists them in the sheet's
 * order), both from zero (a negative value runs left or down: a tornado's changes) with the spec's
 * gap width and overlap placed as Excel places them; "Line" lines with markers; "XYScatterLines"
 * lines with markers over a numeric x axis (the categories are the x values, e.g. an S-curve's).
 * Numeric categories and x ticks show in the spec's categoryFormat. A value that is not a number
 * (text, an error, a blank) is a gap, never a zero.
 */
import { ChartSpec, NUMBER_FORMATS, cell, cellsOf } from "../scenario/plan";
import { MemorySheet } from "../workbook/memory";
import { barLayout, clip, labelEvery, pointOf, textWidth, valueScale, wrap } from "./chartScale";
import { formatValue } from "./format";

const COLORS = ["#0f6cbd", "#c50f1f", "#107c10", "#8764b8", "#ca5010"];
const FONT = 11;
const WIDTH = 480;
/** Width of a chart on the grid: the drawing and its frame. */
export const CHART_PIXELS = WIDTH + 8;
/** Height of the plot area of columns and lines; bars grow with their categories instead. */
const PLOT_HEIGHT = 200;
/** Height of one category of bars, per series, and the longest category label shown beside bars. */
const BAR_BAND = 22;
const BAR_LABEL_CHARS = 28;
const GAP = 6;
/** A column band at least this wide shows its own label, wrapped between words. */
const WORD_BAND = 48;

interface Series {
  name: string;
  color: string;
  points: (number | null)[];
  /** What each point's cell shows, for data labels and tooltips ("#VALUE!" for an error). */
  shown: string[];
}

/** The cells of a range ("B2:B8", or "'Sheet'!B2:B8") on `sheet`, in order. */
function cellsIn(sheet: MemorySheet, range: string) {
  return cellsOf(range.replace(/^.*!/, ""))
    .flat()
    .map((p) => sheet.cells.get(cell(p.row, p.col)));
}

export function Chart({ spec, sheet }: { spec: ChartSpec; sheet: MemorySheet }) {
  const format = NUMBER_FORMATS[spec.valueFormat];
  const show = (v: number) => formatValue(v, format);
  const categoryFormat = spec.categoryFormat && NUMBER_FORMATS[spec.categoryFormat];
  const categoryCells = cellsIn(sheet, spec.categories);
  const categories = categoryCells.map((c) =>
    c === undefined || c.value === null
      ? ""
      : formatValue(c.value, typeof c.value === "number" && categoryFormat ? categoryFormat : c.format),
  );
  const xy = spec.type === "XYScatterLines";
  const xValues = categoryCells.map((c) => pointOf(c?.value));
  const series: Series[] = spec.series.map((s, k) => {
    const cells = cellsIn(sheet, s.values);
    return {
      name: s.name,
      color: COLORS[k % COLORS.length],
      points: cells.map((c) => pointOf(c?.value)),
      shown: cells.map((c) => (c === undefined || c.value === null ? "" : formatValue(c.value, format))),
    };
  });
  // A scatter point needs both its x and its y.
  if (xy) for (const s of series) s.points = s.points.map((p, i) => (xValues[i] === null ? null : p));
  const numbers = series.flatMap((s) => s.points.filter((p): p is number => p !== null));
  const scale = valueScale(numbers);
  const tickLabels = scale.ticks.map(show);
  const xScale = valueScale(
    xValues.filter((x, i): x is number => x !== null && series.some((s) => s.points[i] !== null)),
    5,
    false,
  );
  const xTickLabels = xScale.ticks.map((t) => formatValue(t, categoryFormat ?? "General"));
  const n = Math.max(categories.length, 1);
  const horizontal = spec.type === "BarClustered";
  const legend = series.length > 1;
  // Bars of several series side by side take `slots` bar widths (one when they overlap fully).
  const overlap = spec.overlap ?? 0;
  const slots = Math.max(1, 1 + (series.length - 1) * (1 - overlap / 100));

  // Layout: title, legend, plot area, axes; the category labels size the margin they sit in.
  const titleHeight = FONT + 10;
  const legendHeight = legend ? FONT + 8 : 0;
  const top = titleHeight + legendHeight + GAP + (spec.dataLabels && !horizontal ? FONT : 0);
  const tickWidth = Math.max(...tickLabels.map((t) => textWidth(t, FONT)));
  const barLabels = categories.map((c) => clip(c, BAR_LABEL_CHARS));
  const barLabelWidth = Math.max(0, ...barLabels.map((c) => textWidth(c, FONT)));
  const axisTitleSpace = FONT + 2 * GAP;
  const left = axisTitleSpace + (horizontal ? barLabelWidth : tickWidth) + GAP;
  const xTickWidth = Math.max(...xTickLabels.map((t) => textWidth(t, FONT)));
  const right =
    GAP +
    (horizontal
      ? Math.max(tickWidth / 2, spec.dataLabels ? tickWidth : 0)
      : Math.max(tickWidth / 2, xy ? xTickWidth / 2 : 0));
  const plotWidth = WIDTH - left - right;
  const band = (horizontal ? BAR_BAND * slots * n : plotWidth) / n;
  const plotHeight = horizontal ? band * n : PLOT_HEIGHT;
  // Column and line labels: every one, on up to three lines, while a band is wide enough for a
  // word; in narrow bands (months) every few, so that they do not overlap; cut when too long.
  const widest = Math.max(0, ...categories.map((c) => textWidth(c, FONT)));
  const every = horizontal || band >= WORD_BAND ? 1 : labelEvery(Math.min(widest, 90) + GAP, band);
  const fit = Math.max(3, Math.floor((band * every - GAP) / (FONT * 0.6)));
  const columnLabels = categories.map((c) => wrap(c, fit, 3));
  const labelLines = horizontal || xy ? 1 : Math.max(1, ...columnLabels.map((l) => l.length));
  const height = top + plotHeight + GAP + FONT * labelLines + GAP + FONT + GAP;

  // Value → position along the value axis, category index → position of its band's start.
  const span = scale.max - scale.min;
  const value = horizontal
    ? (v: number) => left + ((v - scale.min) / span) * plotWidth
    : (v: number) => top + plotHeight - ((v - scale.min) / span) * plotHeight;
  const bandStart = (i: number) => (horizontal ? top : left) + i * band;
  const { bar, offset: barOffset } = barLayout(series.length, band, spec.gapWidth ?? 100, overlap);
  const zero = value(0);
  const x = (v: number) => left + ((v - xScale.min) / (xScale.max - xScale.min)) * plotWidth;

  return (
    <figure aria-label={`Chart ${spec.title}`} data-chart={spec.name} style={{ margin: 0, width: WIDTH }}>
      <svg
        width={WIDTH}
        height={height}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={spec.title}
        fontFamily="Segoe UI, system-ui, sans-serif"
        fontSize={FONT}
        style={{ background: "#fff", display: "block" }}
      >
        <text data-part="title" x={WIDTH / 2} y={FONT + 4} textAnchor="middle" fontSize={FONT + 2} fontWeight={600}>
          {spec.title}
        </text>
        {legend && <Legend series={series} y={titleHeight + FONT} />}

        {/* Gridlines and the value scale. */}
        {scale.ticks.map((t, i) =>
          horizontal ? (
            <g key={t}>
              <line x1={value(t)} x2={value(t)} y1={top} y2={top + plotHeight} stroke="#e1e1e1" />
              <text data-part="tick-label" x={value(t)} y={top + plotHeight + GAP + FONT} textAnchor="middle">
                {tickLabels[i]}
              </text>
            </g>
          ) : (
            <g key={t}>
              <line x1={left} x2={left + plotWidth} y1={value(t)} y2={value(t)} stroke="#e1e1e1" />
              <text data-part="tick-label" x={left - GAP} y={value(t) + FONT / 3} textAnchor="end">
                {tickLabels[i]}
              </text>
            </g>
          ),
        )}

        {/* Category labels; a scatter chart's numeric x axis instead. */}
        {xy &&
          xScale.ticks.map((t, i) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={top + plotHeight} y2={top + plotHeight + 3} stroke="#8a8a8a" />
              <text data-part="x-tick-label" x={x(t)} y={top + plotHeight + GAP + FONT} textAnchor="middle">
                {xTickLabels[i]}
              </text>
            </g>
          ))}
        {categories.map((c, i) =>
          xy ? null : horizontal ? (
            <g key={i}>
              <title>{c}</title>
              <text data-part="category-label" x={left - GAP} y={bandStart(i) + band / 2 + FONT / 3} textAnchor="end">
                {barLabels[i]}
              </text>
            </g>
          ) : i % every === 0 ? (
            <g key={i}>
              <title>{c}</title>
              <text
                data-part="category-label"
                x={bandStart(i) + band / 2}
                y={top + plotHeight + GAP + FONT}
                textAnchor="middle"
              >
                {columnLabels[i].map((line, j) => (
                  <tspan key={j} x={bandStart(i) + band / 2} dy={j === 0 ? 0 : FONT + 1}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          ) : null,
        )}

        {/* The data. */}
        {series.map((s, k) =>
          spec.type === "Line" || xy ? (
            <LineSeries
              key={k}
              s={s}
              xs={s.points.map((_, i) => (xy ? x(xValues[i] ?? 0) : bandStart(i) + band / 2))}
              ys={s.points.map((p) => (p === null ? null : value(p)))}
              categories={categories}
              labels={spec.dataLabels}
            />
          ) : (
            s.points.map((p, i) => {
              const offset = bandStart(i) + barOffset(k);
              const tip = `${s.name}, ${categories[i]}: ${s.shown[i] || "no value"}`;
              if (p === null) {
                return (
                  <g key={i} data-part="gap">
                    <title>{tip}</title>
                  </g>
                );
              }
              const end = value(p);
              const box = horizontal
                ? { x: Math.min(zero, end), y: offset, width: Math.abs(end - zero), height: bar }
                : { x: offset, y: Math.min(zero, end), width: bar, height: Math.abs(end - zero) };
              return (
                <g key={i}>
                  <rect data-part="point" {...box} fill={s.color}>
                    <title>{tip}</title>
                  </rect>
                  {spec.dataLabels && (
                    <text
                      data-part="data-label"
                      x={horizontal ? (p < 0 ? end - 3 : end + 3) : offset + bar / 2}
                      y={horizontal ? offset + bar / 2 + FONT / 3 : p < 0 ? end + FONT : end - 3}
                      textAnchor={horizontal ? (p < 0 ? "end" : "start") : "middle"}
                      fontSize={FONT - 1}
                    >
                      {s.shown[i]}
                    </text>
                  )}
                </g>
              );
            })
          ),
        )}

        {/* Axes and their titles. */}
        <line
          x1={horizontal ? zero : left}
          x2={horizontal ? zero : left + plotWidth}
          y1={horizontal ? top : xy ? top + plotHeight : zero}
          y2={horizontal ? top + plotHeight : xy ? top + plotHeight : zero}
          stroke="#8a8a8a"
        />
        <text
          data-part={horizontal ? "value-axis-title" : "category-axis-title"}
          x={left + plotWidth / 2}
          y={height - GAP}
          textAnchor="middle"
          fontWeight={600}
        >
          {horizontal ? spec.valueAxisTitle : spec.categoryAxisTitle}
        </text>
        <text
          data-part={horizontal ? "category-axis-title" : "value-axis-title"}
          transform={`translate(${FONT + 2}, ${top + plotHeight / 2}) rotate(-90)`}
          textAnchor="middle"
          fontWeight={600}
        >
          {horizontal ? spec.categoryAxisTitle : spec.valueAxisTitle}
        </text>
        {numbers.length === 0 && (
          <text x={left + plotWidth / 2} y={top + plotHeight / 2} textAnchor="middle" fill="#605e5c">
            No numbers to draw: the cells show errors or are empty.
          </text>
        )}
      </svg>
    </figure>
  );
}

function Legend({ series, y }: { series: Series[]; y: number }) {
  const widths = series.map((s) => 14 + textWidth(s.name, FONT) + 12);
  let x = (WIDTH - widths.reduce((a, b) => a + b, 0)) / 2;
  return (
    <g data-part="legend">
      {series.map((s, k) => {
        const at = x;
        x += widths[k];
        return (
          <g key={k} data-part="legend-entry">
            <rect x={at} y={y - FONT + 2} width={10} height={10} fill={s.color} />
            <text x={at + 14} y={y}>
              {s.name}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** A line through a series' numbers, broken where a value is missing, with a marker at each point. */
function LineSeries(props: { s: Series; xs: number[]; ys: (number | null)[]; categories: string[]; labels: boolean }) {
  const { s, xs, ys, categories, labels } = props;
  const runs: number[][] = [[]];
  ys.forEach((y, i) => {
    if (y === null) runs.push([]);
    else runs[runs.length - 1].push(i);
  });
  return (
    <g>
      {runs
        .filter((run) => run.length > 1)
        .map((run) => (
          <polyline
            key={run[0]}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            points={run.map((i) => `${xs[i]},${ys[i]}`).join(" ")}
          />
        ))}
      {ys.map((y, i) =>
        y === null ? null : (
          <g key={i}>
            <circle data-part="point" cx={xs[i]} cy={y} r={2.5} fill={s.color}>
              <title>{`${s.name}, ${categories[i]}: ${s.shown[i]}`}</title>
            </circle>
            {labels && (
              <text data-part="data-label" x={xs[i]} y={y - 5} textAnchor="middle" fontSize={FONT - 1}>
                {s.shown[i]}
              </text>
            )}
          </g>
        ),
      )}
    </g>
  );
}
