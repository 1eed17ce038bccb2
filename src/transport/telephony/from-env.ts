import { ConfigError, type AgentDefinition } from '../../index.ts';
import type { RegistrationOptions } from '../sip/registration.ts';
import type { TelephonyContext } from './context.ts';
import { mountTelephony, type TelephonyMount, type TelephonyOptions } from './mount.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_SIP_PORT = 5060;

/**
 * The telephony endpoints `npm start` serves, configured from the environment:
 * `TWILIO_AUTH_TOKEN`, `TELNYX_PUBLIC_KEY`, `PARLEY_PUBLIC_URL`, `PARLEY_PHONE_AGENT`,
 * `PARLEY_SIP_PORT` (5060; 0 turns SIP off), `PARLEY_SIP_HOST`, `PARLEY_SIP_ADDRESS`,
 * `PARLEY_SIP_TRUSTED` (comma-separated trunk addresses whose caller numbers are trusted), and
 * registration with a provider (`PARLEY_SIP_REGISTRAR` and the rest, see `registrationFromEnv`).
 */
export function telephonyFromEnv(
  env: Env,
  agents: readonly AgentDefinition[],
  host: string,
  /** What the deployment decides in code: per-agent keypad rules. */
  extra: Pick<TelephonyOptions, 'dtmfRules'> = {},
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
  const registration = registrationFromEnv(env);
  return (openSession) =>
    mountTelephony({
      agents,
      openSession,
      ...extra,
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
              ...(registration ? { registration } : {}),
            },
          }),
    });
}

/**
 * REGISTER with a provider: `PARLEY_SIP_REGISTRAR` (`sip:host[:port]`) turns it on, with
 * `PARLEY_SIP_USERNAME` and `PARLEY_SIP_PASSWORD` (required), `PARLEY_SIP_AUTH_USERNAME`
 * (when the digest user differs), `PARLEY_SIP_DOMAIN` (the address-of-record domain; default
 * the registrar's host) and `PARLEY_SIP_REGISTER_EXPIRES` (seconds, default 600).
 */
export function registrationFromEnv(env: Env): RegistrationOptions | undefined {
  const registrar = env['PARLEY_SIP_REGISTRAR'];
  if (!registrar) return undefined;
  const username = env['PARLEY_SIP_USERNAME'];
  const password = env['PARLEY_SIP_PASSWORD'];
  if (!username || password === undefined)
    throw new ConfigError('PARLEY_SIP_REGISTRAR needs PARLEY_SIP_USERNAME and PARLEY_SIP_PASSWORD');
  const expires = env['PARLEY_SIP_REGISTER_EXPIRES'];
  const expiresS = expires === undefined ? undefined : Number(expires);
  if (expiresS !== undefined && (!Number.isInteger(expiresS) || expiresS < 1))
    throw new ConfigError(
      `PARLEY_SIP_REGISTER_EXPIRES must be a whole number of seconds, not "${expires}"`,
    );
  const authUsername = env['PARLEY_SIP_AUTH_USERNAME'];
  const domain = env['PARLEY_SIP_DOMAIN'];
  return {
    registrar,
    username,
    password,
    ...(authUsername ? { authUsername } : {}),
    ...(domain ? { domain } : {}),
    ...(expiresS === undefined ? {} : { expiresS }),
  };
}
