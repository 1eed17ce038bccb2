/** What went wrong with a push-to-talk press, if anything the page can tell by itself. */
export type PressProblem = 'too-short' | 'silent';

/** Shorter than this is a tap, not a press to speak. */
export const MIN_PRESS_MS = 300;
/** Below this RMS (about -46 dBFS) for the whole press, nothing was heard. */
export const SILENT_RMS = 0.005;
/** After a release, the server has this long to hear words before the page says so. */
export const NOT_CAUGHT_AFTER_MS = 4_000;

export function pressProblem(press: { heldMs: number; peakRms: number }): PressProblem | undefined {
  if (press.heldMs < MIN_PRESS_MS) return 'too-short';
  if (press.peakRms < SILENT_RMS) return 'silent';
  return undefined;
}
