import type { Session } from '../conversation/types.ts';
import { forwardSession } from './forward-session.ts';

/** The same session, with `onClosed` run once after it closes (a class instance stays intact). */
export function withCloseHook(session: Session, onClosed: () => void): Session {
  let released = false;
  const release = () => {
    if (!released) onClosed();
    released = true;
  };
  return forwardSession(session, { close: () => session.close().finally(release) });
}
