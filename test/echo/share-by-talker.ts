/** Splits 20 ms echo shares by who dominates the microphone: the agent's echo or the user. */
import { MIC_RATE } from './echo-audio.ts';

export interface ShareByTalker {
  /** Mean share over chunks holding echo and no user speech (after `fromMs`). */
  readonly echoMean: number;
  /** Mean share over chunks where the user is louder than the echo. */
  readonly userMean: number;
  readonly echoChunks: number;
  readonly userChunks: number;
}

export function shareByTalker(
  shares: readonly number[],
  echo: Int16Array,
  userOnly: Int16Array,
  fromMs: number,
  chunkMs = 20,
): ShareByTalker {
  const chunk = (chunkMs * MIC_RATE) / 1000;
  const echoShares: number[] = [];
  const userShares: number[] = [];
  shares.forEach((share, k) => {
    const userDb = levelDb(userOnly, k * chunk, (k + 1) * chunk);
    const echoDb = levelDb(echo, k * chunk, (k + 1) * chunk);
    if (userDb > -45 && userDb > echoDb) userShares.push(share);
    else if (userDb < -60 && echoDb > -45 && k * chunkMs >= fromMs) echoShares.push(share);
  });
  return {
    echoMean: round(mean(echoShares)),
    userMean: round(mean(userShares)),
    echoChunks: echoShares.length,
    userChunks: userShares.length,
  };
}

function levelDb(samples: Int16Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to && i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return 10 * Math.log10(sum / (to - from) / 2 ** 30 + 1e-10);
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
const round = (value: number) => Math.round(value * 100) / 100;
