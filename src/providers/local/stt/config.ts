/** Where Debian's pocketsphinx-en-us package puts the US English model. */
export const DEFAULT_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

export interface DecoderPaths {
  /** Folder with the acoustic model folder `en-us/`, `en-us.lm.bin` and `cmudict-en-us.dict`. */
  readonly modelDir: string;
  readonly dictPath: string;
  readonly lmPath: string;
  /** Extra ps_init arguments, e.g. `{ '-fwdflat': 'no' }` (overrides the defaults). */
  readonly engineArgs: Readonly<Record<string, string>>;
}

export function resolvePaths(options: {
  modelDir?: string;
  dictPath?: string;
  lmPath?: string;
  engineArgs?: Readonly<Record<string, string>>;
}): DecoderPaths {
  const modelDir = options.modelDir ?? DEFAULT_MODEL_DIR;
  return {
    modelDir,
    dictPath: options.dictPath ?? `${modelDir}/cmudict-en-us.dict`,
    lmPath: options.lmPath ?? `${modelDir}/en-us.lm.bin`,
    engineArgs: options.engineArgs ?? {},
  };
}

/**
 * Command-line style arguments for ps_init. `withLm` false builds a decoder
 * that only runs a grammar (no 27 MB language model to load).
 */
export function decoderArgs(paths: DecoderPaths, withLm: boolean): string[] {
  const args: [string, string][] = [
    ['-hmm', `${paths.modelDir}/en-us`],
    ['-dict', paths.dictPath],
    // We segment speech ourselves; the engine must see every sample so frame
    // numbers map onto stream time.
    ['-remove_silence', 'no'],
    ['-samprate', '16000'],
    // No second (flat-lexicon) pass: finals ~50 ms sooner and ~15% less CPU;
    // on our café set the LM's word error rate was no worse (see README).
    ['-fwdflat', 'no'],
  ];
  if (withLm) args.push(['-lm', paths.lmPath]);
  const merged = new Map(args);
  for (const [name, value] of Object.entries(paths.engineArgs)) merged.set(name, value);
  return [...merged].flat();
}
