export * from './pcm.ts';
export * from './resample.ts';
export * from './mulaw.ts';
export * from './alaw.ts';
export * from './wav.ts';
export * from './framing.ts';
export * from './level.ts';
