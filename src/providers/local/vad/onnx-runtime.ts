import { requireOptional } from '../optional-package.ts';

type OnnxRuntime = typeof import('onnxruntime-node');

/** onnxruntime-node, loaded at first use (an optional peer: vendor-only deployments lack it). */
export function onnxRuntime(): OnnxRuntime {
  return requireOptional<OnnxRuntime>('onnxruntime-node', 'the Silero VAD');
}
