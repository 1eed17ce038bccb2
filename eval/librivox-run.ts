/**
 * The recogniser's word error on LibriVox human speech alone, with decoder
 * options to compare: `node --import tsx eval/librivox-run.ts [--lm-words=20000] [--level=-20]`
 */
import { librivoxWordError } from './librivox.ts';

const option = (name: string): number | undefined => {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  return value === undefined ? undefined : Number(value);
};
const lmWords = option('lm-words');
const levelTargetDb = option('level');
const result = await librivoxWordError(new AbortController().signal, {
  ...(lmWords === undefined ? {} : { lmWords }),
  ...(levelTargetDb === undefined ? {} : { levelTargetDb }),
});
console.log(`LibriVox (${result.words} words): word error ${(result.wer * 100).toFixed(1)} %`);
for (const line of result.lines) console.log(line);
