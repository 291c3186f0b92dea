/**
 * <sb-row-table>: the browser half of org.socketboard.dashboard.widget.RowTable.
 *
 * The server sends the headers once, then only changes: rows added at one end and how many to drop at
 * the other, or rows replaced in place. Cells arrive formatted; every one is set as textContent, so
 * feed data is text, never HTML. Colours, font and spacing come from Lumo's custom properties, which
 * reach into the shadow root, so the table follows the light/dark theme like the rest of the page.
 *
 * Attributes (set by the server): `label`, the table's accessible name (the widget's title);
 * `numeric-columns`, the positions (from 0, space-separated) of columns of numbers, set flush right so
 * their digits line up; `newest-last`, present when new rows come at the end (Add as last record).
 * The table stays at its newest end as rows come, like a log tail, until the user scrolls away from
 * it; scrolling back there follows again. A cell cut by its width shows its whole text as a tooltip.
 */

type Cells = unknown[];

const STYLE = `
  :host { display: block; position: relative; min-height: 60px; }
  .scroller { position: absolute; inset: 0; overflow: auto; }
  table { border-collapse: collapse; width: 100%; font-family: var(--lumo-font-family);
    font-size: var(--lumo-font-size-s); color: var(--lumo-body-text-color); }
  .scroller.newest-first { overflow-anchor: none; }
  th, td { text-align: start; padding: var(--lumo-space-xs) var(--lumo-space-s); white-space: nowrap;
    overflow: hidden; text-overflow: ellipsis; max-width: 24em; }
  th { position: sticky; top: 0; z-index: 1; background: var(--lumo-base-color);
    color: var(--lumo-secondary-text-color); font-weight: 500; border-bottom: 1px solid var(--lumo-contrast-20pct); }
  tbody tr:nth-child(even) { background: var(--lumo-contrast-5pct); }
  tbody tr { border-bottom: 1px solid var(--lumo-contrast-10pct); }
  th.numeric, td.numeric { text-align: end; font-variant-numeric: tabular-nums; }
`;

function row(cells: Cells, numeric: Set<number>): HTMLTableRowElement {
  const tr = document.createElement('tr');
  cells.forEach((cell, column) => {
    const td = document.createElement('td');
    td.textContent = cell == null ? '' : String(cell);
    if (numeric.has(column)) {
      td.className = 'numeric';
    }
    tr.appendChild(td);
  });
  return tr;
}

function rows(list: Cells[], numeric: Set<number>): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const cells of list) {
    fragment.appendChild(row(cells, numeric));
  }
  return fragment;
}

class SbRowTable extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['label', 'numeric-columns', 'newest-last'];
  }

  private readonly scroller: HTMLDivElement;
  private readonly table: HTMLTableElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private numeric = new Set<number>();
  /** The viewer is at the newest end (or has not scrolled yet): it is kept there as rows come. */
  private following = true;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.scroller = document.createElement('div');
    this.scroller.className = 'scroller';
    const table = document.createElement('table');
    this.table = table;
    this.head = table.createTHead().insertRow();
    this.body = table.createTBody();
    this.scroller.appendChild(table);
    root.append(style, this.scroller);
    // Our own scrolling lands at the newest end, so it keeps following; the user's away from it stops.
    this.scroller.addEventListener('scroll', () => {
      this.following = this.atNewestEnd();
    }, { passive: true });
    // Opening (first layout) and resizing change what is in view without a scroll by the user.
    new ResizeObserver(() => this.showNewest()).observe(this.scroller);
    // Only a cell cut by its width needs its text as a tooltip; measured when the pointer comes.
    this.body.addEventListener('mouseover', (event) => {
      const cell = (event.target as Element).closest?.('td');
      if (cell instanceof HTMLTableCellElement) {
        if (cell.scrollWidth > cell.clientWidth) {
          cell.title = cell.textContent || '';
        } else {
          cell.removeAttribute('title');
        }
      }
    });
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'label') {
      if (value == null) {
        this.table.removeAttribute('aria-label');
      } else {
        this.table.setAttribute('aria-label', value);
      }
    } else if (name === 'numeric-columns') {
      this.numeric = new Set((value || '').split(' ').filter((position) => position !== '').map(Number));
      Array.from(this.head.cells).forEach((th, column) => th.classList.toggle('numeric', this.numeric.has(column)));
    } else {
      this.scroller.classList.toggle('newest-first', value == null);
      this.following = true;
      this.showNewest();
    }
  }

  setHeaders(headers: string[]): void {
    this.head.replaceChildren(...headers.map((header, column) => {
      const th = document.createElement('th');
      th.textContent = String(header);
      th.title = String(header);
      if (this.numeric.has(column)) {
        th.className = 'numeric';
      }
      return th;
    }));
  }

  /** Drops `dropFromStart` rows from the start, then appends `added` at the end. */
  appendRows(added: Cells[], dropFromStart: number): void {
    this.drop(dropFromStart, true);
    this.body.appendChild(rows(added, this.numeric));
    this.showNewest();
  }

  /** Drops `dropFromEnd` rows from the end, then inserts `added` at the start, in their order. */
  prependRows(added: Cells[], dropFromEnd: number): void {
    this.drop(dropFromEnd, false);
    this.body.insertBefore(rows(added, this.numeric), this.body.firstChild);
    this.showNewest();
  }

  replaceRows(all: Cells[]): void {
    this.body.replaceChildren(rows(all, this.numeric));
    this.showNewest();
  }

  /** Each update is [position, cells...]: the row at that position gets those cells. */
  updateRows(updates: [number, ...Cells][]): void {
    for (const [position, ...cells] of updates) {
      const old = this.body.rows[position];
      if (old) {
        this.body.replaceChild(row(cells, this.numeric), old);
      }
    }
  }

  private get newestLast(): boolean {
    return this.hasAttribute('newest-last');
  }

  private atNewestEnd(): boolean {
    const scroller = this.scroller;
    return this.newestLast ? scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 : scroller.scrollTop <= 2;
  }

  /** Back to the newest rows, unless the viewer scrolled away from them. */
  private showNewest(): void {
    if (this.following) {
      this.scroller.scrollTop = this.newestLast ? this.scroller.scrollHeight : 0;
    }
  }

  private drop(count: number, fromStart: boolean): void {
    for (let i = 0; i < count && this.body.rows.length > 0; i++) {
      this.body.deleteRow(fromStart ? 0 : -1);
    }
  }
}

if (!customElements.get('sb-row-table')) {
  customElements.define('sb-row-table', SbRowTable);
}
