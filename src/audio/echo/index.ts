export {
  createEchoCanceller,
  createPassThroughEchoCanceller,
  echoCancellationDefault,
  type EchoCancellerOptions,
  type EchoClientFacts,
} from './create.ts';
export { EchoUnavailableError } from './errors.ts';
export {
  createSpeexEchoCanceller,
  type SpeexEchoCanceller,
  type SpeexEchoOptions,
} from './speex-canceller.ts';
