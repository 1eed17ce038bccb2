export { Channel } from './channel.ts';
export { isAbortError, throwIfAborted, untilAborted } from './abort.ts';
export { systemClock } from './system-clock.ts';
