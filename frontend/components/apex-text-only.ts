/**
 * Text only: the one place where <sb-apex-chart> makes sure that no text it hands ApexCharts runs as
 * markup. Every string the server sends (categories, pie labels, series names, titles, units) may come
 * from an upstream feed or an editor and is text, whatever it looks like.
 *
 * ApexCharts 4.7.0 writes texts in two ways (read from its source, src/modules/…):
 * - as SVG text nodes (svg.js `plain`/`tspan`, i.e. createTextNode): axis labels, chart title and
 *   subtitle, axis titles, data labels, the no-data text, pie and radial bar labels. Safe as they are;
 *   escaping them would show `&lt;` to the viewer.
 * - with `innerHTML`: the legend texts (legend/Legend.js), the tooltip title, series names and values
 *   (tooltip/Labels.js), the x-axis tooltip (fed by the tooltip title), `tooltip.z.title`, and options
 *   that are markup by design (`annotations.points[].customSVG`, toolbar icons, `tooltip.custom`,
 *   `legend.markers.customHTML`, `legend.tooltipHoverFormatter`).
 * So each innerHTML path gets a formatter that escapes what it returns, and the markup options are
 * removed. Functions cannot come from the server (options travel as JSON), so the ones here are all there is.
 */

type Options = Record<string, any>;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Unicode's bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C): the server's BidiControls removes them from feed texts; removed here too, so that no text written
 * as HTML can reorder what the viewer reads.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * The text with HTML's special characters as character references (shown as typed, never parsed as markup)
 * and without bidi controls.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(BIDI_CONTROLS, '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * A copy of the options in which every text ApexCharts would write as HTML is escaped first.
 * `xIsText`: whether x values may be texts (a category axis, or the labels of a pie); on a numeric or
 * datetime axis the component hands ApexCharts numbers only and its date formatting stays in charge.
 */
export function textOnly(options: Options, xIsText: boolean): Options {
  const tooltip = options.tooltip ?? {};
  const safe: Options = {
    ...options,
    legend: {
      ...options.legend,
      formatter: (name: unknown) => escapeHtml(name),
      markers: { ...options.legend?.markers, customHTML: undefined },
      tooltipHoverFormatter: undefined,
    },
    tooltip: {
      ...tooltip,
      custom: undefined,
      y: {
        ...tooltip.y,
        // ApexCharts' default title formatter, escaped: "name: " before the value.
        title: { ...tooltip.y?.title, formatter: (name: unknown) => (name ? `${escapeHtml(name)}: ` : '') },
      },
      z: { ...tooltip.z, title: escapeHtml(tooltip.z?.title ?? 'Size: ') },
      ...(xIsText ? { x: { ...tooltip.x, formatter: escapedXLabel } } : {}),
    },
    chart: {
      ...options.chart,
      toolbar: { ...options.chart?.toolbar, tools: toolsWithoutMarkup(options.chart?.toolbar?.tools) },
    },
  };
  if (options.annotations?.points) {
    safe.annotations = {
      ...options.annotations,
      points: options.annotations.points.map((point: Options) => ({ ...point, customSVG: undefined })),
    };
  }
  return safe;
}

/**
 * The tooltip's title: the x label as the axis shows it, escaped. On a line, area or scatter chart
 * ApexCharts turns categories into positions and labels them through its x label formatter, so the
 * formatter, not the raw value, gives the category's text.
 */
function escapedXLabel(x: unknown, context?: { w?: { globals?: { xLabelFormatter?: (value: unknown, context: unknown) => unknown } } }): string {
  const label = context?.w?.globals?.xLabelFormatter;
  return escapeHtml(label ? label(x, context) : x);
}

/** The toolbar tools with their default icons: a tool given as a string is an icon in HTML. */
function toolsWithoutMarkup(tools: Options | undefined): Options {
  const safe: Options = { customIcons: [] };
  for (const [name, value] of Object.entries(tools ?? {})) {
    if (name !== 'customIcons') {
      safe[name] = typeof value === 'string' ? true : value;
    }
  }
  return safe;
}

/** A y value as ApexCharts may see it: a finite number or nothing. */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
