import type { AgentDefinition } from '../../index.ts';
import type { TelephonyContext } from './context.ts';
import { mountTelephony, type TelephonyMount } from './mount.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_SIP_PORT = 5060;

/**
 * The telephony endpoints `npm start` serves, configured from the environment:
 * `TWILIO_AUTH_TOKEN`, `TELNYX_PUBLIC_KEY`, `PARLEY_PUBLIC_URL`, `PARLEY_PHONE_AGENT`,
 * `PARLEY_SIP_PORT` (5060; 0 turns SIP off), `PARLEY_SIP_HOST`, `PARLEY_SIP_ADDRESS`,
 * `PARLEY_SIP_TRUSTED` (comma-separated trunk addresses whose caller numbers are trusted).
 */
export function telephonyFromEnv(
  env: Env,
  agents: readonly AgentDefinition[],
  host: string,
): (openSession: TelephonyContext['openSession']) => TelephonyMount {
  const sipPort = Number(env['PARLEY_SIP_PORT'] ?? DEFAULT_SIP_PORT);
  if (!Number.isInteger(sipPort) || sipPort < 0 || sipPort > 65_535)
    throw new RangeError(
      `PARLEY_SIP_PORT must be a port number or 0, not "${env['PARLEY_SIP_PORT']}"`,
    );
  const publicUrl = env['PARLEY_PUBLIC_URL'];
  const trusted = (env['PARLEY_SIP_TRUSTED'] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const advertised = env['PARLEY_SIP_ADDRESS'];
  const defaultAgentId = env['PARLEY_PHONE_AGENT'];
  return (openSession) =>
    mountTelephony({
      agents,
      openSession,
      ...(defaultAgentId ? { defaultAgentId } : {}),
      twilio: {
        ...(env['TWILIO_AUTH_TOKEN'] ? { authToken: env['TWILIO_AUTH_TOKEN'] } : {}),
        ...(publicUrl ? { publicUrl } : {}),
      },
      telnyx: {
        ...(env['TELNYX_PUBLIC_KEY'] ? { publicKey: env['TELNYX_PUBLIC_KEY'] } : {}),
        ...(publicUrl ? { publicUrl } : {}),
      },
      ...(sipPort === 0
        ? {}
        : {
            sip: {
              port: sipPort,
              host: env['PARLEY_SIP_HOST'] ?? host,
              ...(advertised ? { advertisedAddress: advertised } : {}),
              trustedCallerHosts: trusted,
            },
          }),
    });
}
