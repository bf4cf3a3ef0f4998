/** What a key press on the day list asks for; null when the key is not a shortcut there. */
export type DayListAction =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'open' }
  | { type: 'status'; status: 'checked-in' | 'no-show' | 'completed' }
  | { type: 'help' };

/** The shortcuts, for the help list and the page's hint (one source for both and for the handler). */
export const DAY_LIST_KEYS: { keys: string[]; label: string }[] = [
  { keys: ['j', '↓'], label: 'next appointment' },
  { keys: ['k', '↑'], label: 'previous appointment' },
  { keys: ['o', 'Enter'], label: 'open the patient’s chart' },
  { keys: ['i'], label: 'check in (again: undo)' },
  { keys: ['c'], label: 'mark completed (again: undo)' },
  { keys: ['n'], label: 'mark no-show (again: undo)' },
  { keys: ['?'], label: 'show or hide this list' },
];

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Whether focus is in a field that takes typing (letters there are text, not shortcuts). */
  inField: boolean;
  /** Whether focus is on an appointment row (arrows and Enter act only there: elsewhere they scroll or click). */
  onRow: boolean;
}

/**
 * Maps a key press to a day-list action. Letters work anywhere on the page except while typing in a
 * field; arrows and Enter only on a row, so they keep scrolling the page and pressing buttons.
 */
export function dayListAction(e: KeyLike): DayListAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey || e.inField) return null;
  switch (e.key) {
    case 'j':
      return { type: 'move', by: 1 };
    case 'k':
      return { type: 'move', by: -1 };
    case 'ArrowDown':
      return e.onRow ? { type: 'move', by: 1 } : null;
    case 'ArrowUp':
      return e.onRow ? { type: 'move', by: -1 } : null;
    case 'o':
      return { type: 'open' };
    case 'Enter':
      return e.onRow ? { type: 'open' } : null;
    case 'i':
      return { type: 'status', status: 'checked-in' };
    case 'c':
      return { type: 'status', status: 'completed' };
    case 'n':
      return { type: 'status', status: 'no-show' };
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}

/** Whether an element takes typing (a field or editable text); buttons and links do not. */
export function isTypingField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return (el as HTMLElement).isContentEditable === true;
}
