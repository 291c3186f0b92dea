import ApexCharts from 'apexcharts';
import { numberOrNull, textOnly } from './apex-text-only';

/**
 * <sb-apex-chart>: the browser half of org.socketboard.dashboard.chart.ApexChart.
 *
 * The server sends the ApexCharts options once (setOptions), then only changes: new points and how
 * many old ones to drop. This element keeps the window of points, turns it into ApexCharts series and
 * redraws at most once per animation frame. All mapping of records to points happens on the server.
 * Every text reaches ApexCharts through textOnly (apex-text-only.ts): feed data and names are text, never HTML.
 */

type X = number | string;
type Y = number | null;
/** Points as the server sends them: the x column, then one y column per series. */
type Columns = [X[], ...Y[][]];
type Options = Record<string, any>;

/**
 * Options key of ours (ChartOptions.SKIP_GAPS): a series without a value at an x has no point there
 * instead of a gap (split charts, where each record feeds one line). Removed before ApexCharts sees it.
 */
const SKIP_GAPS = 'sbSkipGaps';

/** Chart types without axes: one series of values, labelled by x (ChartType.hasAxes() on the server). */
const TYPES_WITHOUT_AXES = new Set(['pie', 'donut', 'radialBar']);

function hasAxes(options: Options): boolean {
  return !TYPES_WITHOUT_AXES.has(options.chart?.type);
}

/** Whether x values are texts (categories, slice labels) rather than numbers (indexes, epoch milliseconds). */
function xIsText(options: Options): boolean {
  return !hasAxes(options) || (options.xaxis?.type ?? 'category') === 'category';
}

/** Must match ApexChart.seriesCount on the server: both sides empty the chart when it changes. */
function seriesCount(options: Options): number {
  return hasAxes(options) ? (options.series?.length ?? 0) : 1;
}

/** ApexCharts' theme.mode for Lumo's: dark when <html theme="dark"> (theme-mode.ts, index.html). */
function themeMode(): 'dark' | 'light' {
  return document.documentElement.getAttribute('theme')?.split(' ').includes('dark') ? 'dark' : 'light';
}

/** Axis labels and legends in Lumo's secondary text colour of the theme shown. */
function textColor(): string {
  const lumo = getComputedStyle(document.documentElement).getPropertyValue('--lumo-secondary-text-color').trim();
  return lumo || (themeMode() === 'dark' ? '#d0d5db' : '#373d3f');
}

/** The charts on the page, which follow a change of theme. */
const CHARTS = new Set<SbApexChart>();

new MutationObserver(() => CHARTS.forEach((chart) => chart.followTheme()))
  .observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });

class SbApexChart extends HTMLElement {
  private options: Options | null = null;
  private xs: X[] = [];
  private ys: Y[][] = [];
  private chart: ApexCharts | null = null;
  private rendered: Promise<unknown> = Promise.resolve();
  private redrawQueued = false;
  private readonly target: HTMLDivElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    // ApexCharts sizes itself from, and watches for resizes, the parent of its element: the frame,
    // which fills this element, whose size the server sets.
    root.innerHTML = `
      <style>
        :host { display: block; position: relative; min-height: 120px; }
        .frame { width: 100%; height: 100%; }
      </style>
      <div class="frame"><div class="chart"></div></div>`;
    this.target = root.querySelector('.chart') as HTMLDivElement;
  }

  connectedCallback(): void {
    CHARTS.add(this);
    this.createChart();
  }

  disconnectedCallback(): void {
    CHARTS.delete(this);
    // No ApexCharts instance (listeners, resize observer) outlives the element on the page.
    this.destroyChart();
  }

  /** The page switched between light and dark (theme-toggle): the chart follows. */
  followTheme(): void {
    const chart = this.chart;
    if (!chart) {
      return;
    }
    this.rendered.then(() => {
      if (chart !== this.chart) {
        return undefined; // replaced or destroyed meanwhile: the new one starts in the theme shown
      }
      const mode = themeMode();
      return chart.updateOptions({ theme: { mode }, tooltip: { theme: mode }, chart: { foreColor: textColor() } }, false, false);
    }).catch((error: unknown) => console.error('sb-apex-chart: theme change failed', error));
  }

  setOptions(options: Options): void {
    if (this.options && seriesCount(this.options) !== seriesCount(options)) {
      this.xs = [];
      this.ys = [];
    }
    this.options = options;
    // A new instance rather than updateOptions: the type may change between axis and pie charts.
    this.destroyChart();
    this.createChart();
  }

  /** Drops `dropFromStart` points from the start, then appends the new points at the end. */
  appendPoints(columns: Columns, dropFromStart: number): void {
    const [xs, ...ys] = columns;
    this.xs = this.xs.slice(dropFromStart).concat(xs);
    this.ys = this.alignedSeries(ys.length).map((old, s) => old.slice(dropFromStart).concat(ys[s] ?? xs.map(() => null)));
    this.scheduleRedraw();
  }

  /** Drops `dropFromEnd` points from the end, then inserts the new points at the start. */
  prependPoints(columns: Columns, dropFromEnd: number): void {
    const [xs, ...ys] = columns;
    const keep = Math.max(0, this.xs.length - dropFromEnd);
    this.xs = xs.concat(this.xs.slice(0, keep));
    this.ys = this.alignedSeries(ys.length).map((old, s) => (ys[s] ?? xs.map(() => null)).concat(old.slice(0, keep)));
    this.scheduleRedraw();
  }

  /**
   * Adds a series (a split chart's new value) without points so far; the points that follow may use it.
   * Its colour comes from the server (SeriesColours: the same name has the same colour in every chart).
   */
  addSeries(name: string, color?: string): void {
    if (!this.options || !hasAxes(this.options)) {
      return;
    }
    const serie: Options = color ? { name, color, data: [] } : { name, data: [] };
    this.options = { ...this.options, series: [...(this.options.series ?? []), serie] };
    this.ys = this.alignedSeries(this.options.series.length);
    this.scheduleRedraw();
  }

  replaceAll(columns: Columns): void {
    const [xs, ...ys] = columns;
    this.xs = xs;
    this.ys = ys;
    this.scheduleRedraw();
  }

  /** The kept y columns, padded with empty ones (all null) up to `count` series. */
  private alignedSeries(count: number): Y[][] {
    const series = this.ys.slice();
    while (series.length < count) {
      series.push(this.xs.map(() => null));
    }
    return series;
  }

  private createChart(): void {
    if (!this.options || !this.isConnected || this.chart) {
      return;
    }
    const options = textOnly(this.options, xIsText(this.options));
    delete options[SKIP_GAPS]; // ours, not an ApexCharts option
    const chart = new ApexCharts(this.target, {
      ...options,
      ...this.data(),
      theme: { ...options.theme, mode: themeMode() },
      tooltip: { ...options.tooltip, theme: themeMode() },
      chart: {
        ...options.chart,
        foreColor: textColor(),
        // The widget's own (Lumo) background shows through in both themes.
        background: 'transparent',
        width: '100%',
        height: '100%',
        redrawOnParentResize: true,
        redrawOnWindowResize: true,
      },
    });
    this.chart = chart;
    this.rendered = chart.render().catch((error: unknown) => console.error('sb-apex-chart: render failed', error));
  }

  private destroyChart(): void {
    this.chart?.destroy();
    this.chart = null;
    this.rendered = Promise.resolve();
  }

  /** Several updates in one server response (or one frame) cost one redraw. */
  private scheduleRedraw(): void {
    if (this.redrawQueued) {
      return;
    }
    this.redrawQueued = true;
    requestAnimationFrame(() => {
      this.redrawQueued = false;
      this.redraw();
    });
  }

  private redraw(): void {
    const chart = this.chart;
    if (!chart || !this.options) {
      return; // createChart draws the points it finds
    }
    const axes = hasAxes(this.options);
    this.rendered.then(() => {
      if (chart !== this.chart) {
        return; // replaced or destroyed while rendering
      }
      const data = this.data();
      return axes
        ? chart.updateSeries(data.series as ApexAxisChartSeries, false)
        : chart.updateOptions(data, false, false);
    }).catch((error: unknown) => console.error('sb-apex-chart: update failed', error));
  }

  /** The points as ApexCharts wants them: named {x, y} series, or slice values with their labels. */
  private data(): Options {
    // Only numbers as y, and as x on a numeric or datetime axis: ApexCharts formats those itself.
    if (!this.options || hasAxes(this.options)) {
      const names: string[] = (this.options?.series ?? []).map((serie: Options) => String(serie.name ?? ''));
      const colors: (string | undefined)[] = (this.options?.series ?? []).map((serie: Options) =>
        typeof serie.color === 'string' ? serie.color : undefined);
      const count = Math.max(names.length, this.ys.length);
      const xAsGiven = !this.options || xIsText(this.options);
      const xs = this.xs.map((x) => (xAsGiven ? String(x) : Number(x)));
      const skipGaps = this.options?.[SKIP_GAPS] === true;
      const series = Array.from({ length: count }, (_, s) => {
        const points = xs.map((x, i) => ({ x, y: numberOrNull(this.ys[s]?.[i]) }));
        const data = skipGaps ? points.filter((point) => point.y !== null) : points;
        const name = names[s] ?? `Series ${s + 1}`;
        return colors[s] ? { name, color: colors[s], data } : { name, data };
      });
      return { series };
    }
    return {
      series: (this.ys[0] ?? []).map((value) => numberOrNull(value) ?? 0),
      labels: this.xs.map(String),
    };
  }
}

if (!customElements.get('sb-apex-chart')) {
  customElements.define('sb-apex-chart', SbApexChart);
}
