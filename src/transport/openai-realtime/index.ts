export { createRealtimeEndpoint, presentedToken, REALTIME_PATH } from './endpoint.ts';
export type { RealtimeEndpoint, RealtimeEndpointOptions } from './endpoint.ts';
export { SUPPORTED_EVENTS, UNSUPPORTED_EVENTS } from './client-events.ts';
