/**
 * True when a key press belongs to the focused control (a text box, a button,
 * a link, a select …), so a page-wide shortcut such as Space-to-talk must not
 * take it. `except` is the one control the shortcut itself drives.
 */
export function keyBelongsToControl(target: EventTarget | null, except?: Element): boolean {
  if (!(target instanceof Element) || target === except) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return (
    target.closest('input, textarea, select, button, a[href], summary, [role="button"]') !== null
  );
}

/** Space held anywhere outside other controls presses `down`; released, `up`. */
export function spaceToTalk(down: () => void, up: () => void, except?: Element): void {
  addEventListener('keydown', (event) => {
    if (event.code !== 'Space' || keyBelongsToControl(event.target, except)) return;
    event.preventDefault();
    if (!event.repeat) down();
  });
  addEventListener('keyup', (event) => {
    if (event.code !== 'Space' || keyBelongsToControl(event.target, except)) return;
    event.preventDefault();
    up();
  });
}
