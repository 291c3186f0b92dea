import { GridStack, type GridItemHTMLElement, type GridStackNode } from 'gridstack';

/**
 * <sb-dashboard-grid>: the browser half of org.socketboard.dashboard.ui.DashboardGrid, a gridstack grid.
 *
 * The server renders each widget in a light-DOM child `.grid-stack-item` carrying its place and size
 * (`gs-id`, `gs-x`, `gs-y`, `gs-w`, `gs-h`); this element makes gridstack manage the children it finds
 * and those the server adds or removes later. With the `editable` attribute widgets move by dragging
 * their header and resize from the corner; when the user lets go, the whole layout goes to the server
 * (`$server.layoutChanged`), which stores it. Without it the grid is static. On a narrow grid (a
 * phone) there is one column in reading order, static too: that layout is never sent, so it never
 * overwrites the one made for the full grid.
 */

/** Columns of the full grid: Widget.MAX_WIDTH on the server. */
const COLUMNS = 4;
/** At most this wide (px), the grid has one column. */
const ONE_COLUMN_WIDTH = 600;

interface Place {
  id: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Server {
  layoutChanged(places: Place[]): void;
}

class SbDashboardGrid extends HTMLElement {
  private grid: GridStack | null = null;
  private observer: MutationObserver | null = null;
  declare $server: Server;

  static get observedAttributes(): string[] {
    return ['editable'];
  }

  connectedCallback(): void {
    if (this.grid) {
      return;
    }
    this.classList.add('grid-stack');
    const grid = GridStack.init(
      {
        column: COLUMNS,
        columnOpts: { columnMax: COLUMNS, breakpoints: [{ w: ONE_COLUMN_WIDTH, c: 1, layout: 'list' }] },
        cellHeight: 230,
        margin: 6,
        handle: '.sb-widget-header',
        draggable: { cancel: 'button, vaadin-button, vaadin-menu-bar, .sb-widget-menu' },
        staticGrid: !this.editableNow(),
        // Widgets rise into free space above them (no holes the user did not make), as GridLayout does.
        mode: 'top',
      },
      this,
    );
    if (!grid) {
      return;
    }
    this.grid = grid;
    grid.on('dragstop resizestop', () => this.sendLayout());
    grid.on('change', () => this.updateStatic());
    this.adoptChildren();
    this.observer = new MutationObserver((records) => this.childrenChanged(records));
    this.observer.observe(this, { childList: true });
    this.updateStatic();
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.grid?.destroy(false);
    this.grid = null;
  }

  attributeChangedCallback(): void {
    this.updateStatic();
  }

  /** Moves widgets where the server put them (after it settled a layout differently). */
  place(places: Place[]): void {
    const grid = this.grid;
    if (!grid) {
      return;
    }
    grid.batchUpdate();
    for (const place of places) {
      const item = this.item(place.id);
      if (item) {
        grid.update(item, { x: place.x, y: place.y, w: place.w, h: place.h });
      }
    }
    grid.batchUpdate(false);
  }

  private editableNow(): boolean {
    return this.hasAttribute('editable');
  }

  /** Dragging only where the layout can be stored: editors on the full grid. */
  private updateStatic(): void {
    const grid = this.grid;
    if (!grid) {
      return;
    }
    const movable = this.editableNow() && grid.getColumn() === COLUMNS;
    if (grid.opts.staticGrid === movable) {
      grid.setStatic(!movable);
    }
  }

  private item(id: number): GridItemHTMLElement | undefined {
    return Array.from(this.children).find(
      (child) => child.getAttribute('gs-id') === String(id),
    ) as GridItemHTMLElement | undefined;
  }

  private adoptChildren(): void {
    for (const child of Array.from(this.children)) {
      this.adopt(child);
    }
  }

  private adopt(child: Element): void {
    const item = child as GridItemHTMLElement;
    if (this.grid && item.classList.contains('grid-stack-item') && !item.gridstackNode) {
      this.grid.makeWidget(item);
    }
  }

  private childrenChanged(records: MutationRecord[]): void {
    const grid = this.grid;
    if (!grid) {
      return;
    }
    for (const record of records) {
      record.removedNodes.forEach((node) => {
        const item = node as GridItemHTMLElement;
        if (item.gridstackNode && !this.contains(item)) {
          grid.removeWidget(item, false, false);
        }
      });
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) {
          this.adopt(node);
        }
      });
    }
    this.updateStatic();
  }

  private sendLayout(): void {
    const grid = this.grid;
    if (!grid || !this.editableNow() || grid.getColumn() !== COLUMNS || !this.$server) {
      return;
    }
    const places = grid.engine.nodes
      .filter((node: GridStackNode) => node.id !== undefined)
      .map((node: GridStackNode) => ({
        id: Number(node.id),
        x: node.x ?? 0,
        y: node.y ?? 0,
        w: node.w ?? 1,
        h: node.h ?? 1,
      }));
    this.$server.layoutChanged(places);
  }
}

if (!customElements.get('sb-dashboard-grid')) {
  customElements.define('sb-dashboard-grid', SbDashboardGrid);
}
