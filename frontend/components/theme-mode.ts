/**
 * The light/dark choice of the signed-in user (issue 13.7), kept in this browser's localStorage under
 * `socketboard.theme.<user>`; without a choice the page follows prefers-color-scheme (index.html sets
 * the theme before the first paint). The last choice made here is also kept under `socketboard.theme`,
 * so the next page load starts in it before the user is known. Lumo reads `theme="dark"` on <html>;
 * charts watch that attribute (apex-chart.ts).
 */
type Mode = 'dark' | 'light';

const LAST_KEY = 'socketboard.theme';

function userKey(user: string): string {
  return `${LAST_KEY}.${user}`;
}

function read(key: string): Mode | null {
  try {
    const value = localStorage.getItem(key);
    return value === 'dark' || value === 'light' ? value : null;
  } catch {
    return null; // storage blocked: follow the system
  }
}

function write(key: string, mode: Mode | null): void {
  try {
    if (mode) {
      localStorage.setItem(key, mode);
    } else {
      localStorage.removeItem(key);
    }
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

function systemMode(): Mode {
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function apply(mode: Mode): Mode {
  if (mode === 'dark') {
    document.documentElement.setAttribute('theme', 'dark');
  } else {
    document.documentElement.removeAttribute('theme');
  }
  return mode;
}

const sbTheme = {
  /** Applies the user's remembered choice, or the system's; returns the mode now shown. */
  applyFor(user: string): Mode {
    const chosen = read(userKey(user));
    write(LAST_KEY, chosen);
    return apply(chosen ?? systemMode());
  },
  /** Switches to the other mode and remembers it for the user; returns the mode now shown. */
  toggle(user: string): Mode {
    const next: Mode = document.documentElement.getAttribute('theme') === 'dark' ? 'light' : 'dark';
    write(userKey(user), next);
    write(LAST_KEY, next);
    return apply(next);
  },
};

(window as any).sbTheme = sbTheme;
