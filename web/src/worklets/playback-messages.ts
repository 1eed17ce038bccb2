/** Main thread → playback worklet. */
export type PlaybackCommand =
  | { readonly type: 'start'; readonly turnId: number }
  | { readonly type: 'audio'; readonly turnId: number; readonly samples: Int16Array }
  | { readonly type: 'end'; readonly turnId: number }
  | { readonly type: 'flush' };

/** Playback worklet → main thread. Positions are ms of a turn's audio actually played. */
export type PlaybackReport =
  | { readonly type: 'started'; readonly turnId: number }
  | { readonly type: 'position'; readonly turnId: number; readonly playedMs: number }
  | { readonly type: 'ended'; readonly turnId: number; readonly playedMs: number }
  | { readonly type: 'flushed'; readonly turnId: number; readonly playedMs: number };
