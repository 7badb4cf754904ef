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
 *
 * What keeps it readable: scale labels without the decimal zeros they all share ("20%", "$200 M"),
 * as many ticks as fit without overlapping and that the format can tell apart; a legend wrapped
 * onto rows; axis titles kept whole (on two lines when long) and inside the chart; bar charts no
 * taller than the CHART_ROWS rows a sheet plan leaves them (bars get thinner, labels every few).
 */
import { CHART_ROWS, ChartSpec, NUMBER_FORMATS, cell, cellsOf } from "../scenario/plan";
import { MemorySheet } from "../workbook/memory";
import {
  barLayout,
  clip,
  fittingScale,
  labelEvery,
  pointOf,
  textWidth,
  trimZeros,
  valueScale,
  wrap,
} from "./chartScale";
import { formatValue } from "./format";

/** Series colours in order: a spider's six lines each get their own. */
const COLORS = ["#0f6cbd", "#c50f1f", "#107c10", "#8764b8", "#ca5010", "#038387", "#8e562e", "#e3008c"];
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
/** The grid's row height (Grid.tsx ROW_HEIGHT) and the frame around a chart there (4 px each side). */
const ROW_PIXELS = 22;
const FRAME = 8;
/** The tallest drawing: a chart stays within the CHART_ROWS rows a sheet plan leaves it. */
export const MAX_HEIGHT = CHART_ROWS * ROW_PIXELS - FRAME;
/** A legend entry: its colour mark with the space after it, the space before the next, a row's height. */
const LEGEND_MARK = 14;
const LEGEND_SPACE = 12;
const LEGEND_ROW = FONT + 6;
/** Characters of an axis title on one line under the plot (two lines at most). */
const TITLE_CHARS = Math.floor((WIDTH - 2 * GAP) / (FONT * 0.6));
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
  const categoryFormat = spec.categoryFormat && NUMBER_FORMATS[spec.categoryFormat];
  const categoryCells = cellsIn(sheet, spec.categories);
  const shownCategories = categoryCells.map((c) =>
    c === undefined || c.value === null
      ? ""
      : formatValue(c.value, typeof c.value === "number" && categoryFormat ? categoryFormat : c.format),
  );
  // Numeric categories (bins, steps) read as a scale: without zeros every label shares.
  const categories = categoryCells.every((c) => typeof c?.value === "number")
    ? trimZeros(shownCategories)
    : shownCategories;
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
  const n = Math.max(categories.length, 1);
  const horizontal = spec.type === "BarClustered";
  const legendRows = series.length > 1 ? legendLayout(series.map((s) => s.name)) : [];
  // Bars of several series side by side take `slots` bar widths (one when they overlap fully).
  const overlap = spec.overlap ?? 0;
  const slots = Math.max(1, 1 + (series.length - 1) * (1 - overlap / 100));
  // Scale labels without zeros every label shares ("10%", "$200 M", "12 months").
  const showIn = (code: string) => (v: number) => formatValue(v, code);
  const labelsIn = (code: string) => (ticks: number[]) => trimZeros(ticks.map(showIn(code)));
  const across = (label: string) => textWidth(label, FONT) + 2 * GAP;

  // Layout: title, legend, plot area, axes; the category labels size the margin they sit in.
  const titleHeight = FONT + 10;
  const legendHeight = legendRows.length * LEGEND_ROW;
  const top = titleHeight + legendHeight + GAP + (spec.dataLabels && !horizontal ? FONT : 0);
  const draft = labelsIn(format)(valueScale(numbers).ticks);
  const tickWidth = Math.max(...draft.map((t) => textWidth(t, FONT)));
  // The axis titles: under the plot on one line when it fits, else two; beside it along the
  // chart's height, on a second line when one is too short.
  const bottomTitle = wrap((horizontal ? spec.valueAxisTitle : spec.categoryAxisTitle) ?? "", TITLE_CHARS);
  const bottomOf = (labelLines: number) => GAP + FONT * labelLines + GAP + (FONT + 2) * bottomTitle.length + GAP;
  // Bars grow with their categories, up to the chart's room on the sheet, then get thinner.
  const plotHeight = horizontal ? Math.min(BAR_BAND * slots * n, MAX_HEIGHT - top - bottomOf(1)) : PLOT_HEIGHT;
  const sideRoom = top + plotHeight + bottomOf(1) - 2 * GAP;
  const sideText = (horizontal ? spec.categoryAxisTitle : spec.valueAxisTitle) ?? "";
  const sideTitle = wrap(sideText, Math.floor(sideRoom / (FONT * 0.6)), 2);
  const axisTitleSpace = FONT + 2 * GAP + (FONT + 2) * (sideTitle.length - 1);
  const barLabelWidth = Math.max(0, ...categories.map((c) => textWidth(clip(c, BAR_LABEL_CHARS), FONT)));
  // Data labels beside bars: room for the widest at the end of the longest bar either way.
  const dataLabelWidth =
    spec.dataLabels && horizontal
      ? GAP + Math.max(0, ...series.flatMap((s) => s.shown.map((t) => textWidth(t, FONT - 1))))
      : 0;
  const below = numbers.some((v) => v < 0) ? dataLabelWidth : 0;
  const left = axisTitleSpace + (horizontal ? barLabelWidth + below : tickWidth) + GAP;
  const plotted = xValues.filter((x, i): x is number => x !== null && series.some((s) => s.points[i] !== null));
  const xDraft = labelsIn(categoryFormat ?? "General")(valueScale(plotted, 5, false).ticks);
  const xTickWidth = Math.max(...xDraft.map((t) => textWidth(t, FONT)));
  const right =
    GAP +
    (horizontal
      ? Math.max(tickWidth / 2, numbers.some((v) => v >= 0) ? dataLabelWidth : 0)
      : Math.max(tickWidth / 2, xy ? xTickWidth / 2 : 0));
  const plotWidth = WIDTH - left - right;
  // Column and line labels: every one, on up to three lines, while a band is wide enough for a
  // word; in narrow bands (months) every few, so that they do not overlap; cut when too long.
  const columnBand = plotWidth / n;
  const widest = Math.max(0, ...categories.map((c) => textWidth(c, FONT)));
  const every = horizontal || columnBand >= WORD_BAND ? 1 : labelEvery(Math.min(widest, 90) + GAP, columnBand);
  const fit = Math.max(3, Math.floor((columnBand * every - GAP) / (FONT * 0.6)));
  const columnLabels = categories.map((c) => wrap(c, fit, 3));
  const labelLines = horizontal || xy ? 1 : Math.max(1, ...columnLabels.map((l) => l.length));
  const bottom = bottomOf(labelLines);
  const band = (horizontal ? plotHeight : plotWidth) / n;
  const height = top + plotHeight + bottom;
  // Bar labels every few categories when the bands are thinner than a line of text.
  const barEvery = horizontal ? labelEvery(FONT + 1, band) : 1;
  const { scale, labels: tickLabels } = fittingScale(
    numbers,
    horizontal ? plotWidth : plotHeight,
    showIn(format),
    horizontal ? across : () => FONT + GAP,
  );
  const { scale: xScale, labels: xTickLabels } = fittingScale(
    plotted,
    plotWidth,
    showIn(categoryFormat ?? "General"),
    across,
    false,
  );
  // Each title's centre: at the plot's middle, moved in so that it stays inside the chart.
  const inside = (centre: number, length: number, size: number) =>
    Math.min(Math.max(centre, GAP + length / 2), size - GAP - length / 2);
  const bottomWidth = Math.max(0, ...bottomTitle.map((l) => textWidth(l, FONT)));
  const bottomX = inside(left + plotWidth / 2, bottomWidth, WIDTH);
  const sideY = inside(top + plotHeight / 2, Math.max(0, ...sideTitle.map((l) => textWidth(l, FONT))), height);

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
        {legendRows.length > 0 && <Legend series={series} rows={legendRows} y={titleHeight + FONT} />}

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
            i % barEvery === 0 ? (
              <g key={i}>
                <title>{c}</title>
                <text
                  data-part="category-label"
                  x={left - GAP - below}
                  y={bandStart(i) + band / 2 + FONT / 3}
                  textAnchor="end"
                >
                  {clip(c, BAR_LABEL_CHARS)}
                </text>
              </g>
            ) : null
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
          x={bottomX}
          y={height - GAP - (FONT + 2) * (bottomTitle.length - 1)}
          textAnchor="middle"
          fontWeight={600}
        >
          {bottomTitle.map((line, j) => (
            <tspan key={j} x={bottomX} dy={j === 0 ? 0 : FONT + 2}>
              {line}
            </tspan>
          ))}
        </text>
        <text
          data-part={horizontal ? "category-axis-title" : "value-axis-title"}
          transform={`translate(${FONT + 2}, ${sideY}) rotate(-90)`}
          textAnchor="middle"
          fontWeight={600}
        >
          {sideTitle.map((line, j) => (
            <tspan key={j} x={0} dy={j === 0 ? 0 : FONT + 2}>
              {line}
            </tspan>
          ))}
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

/** Rows of legend entries, each row at most the chart's width, each name cut to fit one row. */
function legendLayout(names: string[]): { index: number; x: number; name: string }[][] {
  const rows: { index: number; x: number; name: string }[][] = [[]];
  let x = 0;
  names.forEach((full, index) => {
    const name = clip(full, Math.floor((WIDTH - 2 * GAP - LEGEND_MARK) / (FONT * 0.6)));
    const width = LEGEND_MARK + textWidth(name, FONT) + LEGEND_SPACE;
    const row = rows[rows.length - 1];
    if (row.length > 0 && x + width - LEGEND_SPACE > WIDTH - 2 * GAP) {
      rows.push([]);
      x = 0;
    }
    rows[rows.length - 1].push({ index, x, name });
    x += width;
  });
  // Each row centred.
  return rows.map((row) => {
    const last = row[row.length - 1];
    const width = last.x + LEGEND_MARK + textWidth(last.name, FONT);
    return row.map((e) => ({ ...e, x: e.x + (WIDTH - width) / 2 }));
  });
}

function Legend({ series, rows, y }: { series: Series[]; rows: ReturnType<typeof legendLayout>; y: number }) {
  return (
    <g data-part="legend">
      {rows.flatMap((row, r) =>
        row.map(({ index, x, name }) => (
          <g key={index} data-part="legend-entry">
            {name !== series[index].name && <title>{series[index].name}</title>}
            <rect x={x} y={y + r * LEGEND_ROW - FONT + 2} width={10} height={10} fill={series[index].color} />
            <text x={x + LEGEND_MARK} y={y + r * LEGEND_ROW}>
              {name}
            </text>
          </g>
        )),
      )}
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
