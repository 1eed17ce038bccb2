export { TelephonyCall, type CallSink, type TelephonyCallOptions } from './call.ts';
export * from './codec.ts';
export { telephonyCaller, type TelephonyContext } from './context.ts';
export { DEFAULT_DTMF_RULE, stepDtmf, type DtmfRule } from './dtmf.ts';
export { telephonyFromEnv, DEFAULT_SIP_PORT } from './from-env.ts';
export { mountTelephony, type TelephonyMount, type TelephonyOptions } from './mount.ts';
