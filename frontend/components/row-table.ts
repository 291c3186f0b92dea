/**
 * <sb-row-table>: the browser half of org.socketboard.dashboard.widget.RowTable.
 *
 * The server sends the headers once, then only changes: rows added at one end and how many to drop at
 * the other, or rows replaced in place. Cells arrive formatted; every one is set as textContent, so
 * feed data is text, never HTML. Colours, font and spacing come from Lumo's custom properties, which
 * reach into the shadow root, so the table follows the light/dark theme like the rest of the page.
 */

type Cells = unknown[];

const STYLE = `
  :host { display: block; position: relative; min-height: 60px; }
  .scroller { position: absolute; inset: 0; overflow: auto; }
  table { border-collapse: collapse; width: 100%; font-family: var(--lumo-font-family);
    font-size: var(--lumo-font-size-s); color: var(--lumo-body-text-color); }
  th, td { text-align: start; padding: var(--lumo-space-xs) var(--lumo-space-s); white-space: nowrap;
    overflow: hidden; text-overflow: ellipsis; max-width: 24em; }
  th { position: sticky; top: 0; z-index: 1; background: var(--lumo-base-color);
    color: var(--lumo-secondary-text-color); font-weight: 500; border-bottom: 1px solid var(--lumo-contrast-20pct); }
  tbody tr:nth-child(even) { background: var(--lumo-contrast-5pct); }
  tbody tr { border-bottom: 1px solid var(--lumo-contrast-10pct); }
`;

function row(cells: Cells): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.textContent = cell == null ? '' : String(cell);
    tr.appendChild(td);
  }
  return tr;
}

function rows(list: Cells[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const cells of list) {
    fragment.appendChild(row(cells));
  }
  return fragment;
}

class SbRowTable extends HTMLElement {
  private readonly scroller: HTMLDivElement;
  private readonly head: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.scroller = document.createElement('div');
    this.scroller.className = 'scroller';
    const table = document.createElement('table');
    this.head = table.createTHead().insertRow();
    this.body = table.createTBody();
    this.scroller.appendChild(table);
    root.append(style, this.scroller);
  }

  setHeaders(headers: string[]): void {
    this.head.replaceChildren(...headers.map((header) => {
      const th = document.createElement('th');
      th.textContent = String(header);
      th.title = String(header);
      return th;
    }));
  }

  /** Drops `dropFromStart` rows from the start, then appends `added` at the end. */
  appendRows(added: Cells[], dropFromStart: number): void {
    // A viewer at the bottom (newest last) stays there as rows come; one who scrolled up stays put.
    const atBottom = this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - 2;
    this.drop(dropFromStart, true);
    this.body.appendChild(rows(added));
    if (atBottom) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
  }

  /** Drops `dropFromEnd` rows from the end, then inserts `added` at the start, in their order. */
  prependRows(added: Cells[], dropFromEnd: number): void {
    this.drop(dropFromEnd, false);
    this.body.insertBefore(rows(added), this.body.firstChild);
  }

  replaceRows(all: Cells[]): void {
    this.body.replaceChildren(rows(all));
  }

  /** Each update is [position, cells...]: the row at that position gets those cells. */
  updateRows(updates: [number, ...Cells][]): void {
    for (const [position, ...cells] of updates) {
      const old = this.body.rows[position];
      if (old) {
        this.body.replaceChild(row(cells), old);
      }
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
