import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Debian's kamailio package puts its modules here. */
const MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

export function kamailioInstalled(): boolean {
  return existsSync(join(MODULES, 'registrar.so')) && existsSync('/usr/sbin/kamailio');
}

export interface KamailioOptions {
  readonly port: number;
  /** Every account's password (pv_www_authenticate checks it; no database). */
  readonly password: string;
  readonly algorithm: 'MD5' | 'SHA-256';
  /** The longest binding it grants, in seconds (a short one makes refreshes happen in a test). */
  readonly maxExpiresS: number;
}

/**
 * Kamailio as a provider's registrar and proxy: REGISTER must carry digest credentials
 * (challenged with qop=auth in the chosen algorithm, verified by Kamailio's auth module), and
 * any other request is routed to the contact registered for its Request-URI's user, or gets 404.
 */
function config(options: KamailioOptions): string {
  return `#!KAMAILIO
debug=1
log_stderror=yes
children=1
auto_aliases=no
listen=udp:127.0.0.1:${options.port}
mpath="${MODULES}/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
modparam("usrloc", "db_mode", 0)
modparam("registrar", "min_expires", 1)
modparam("registrar", "max_expires", ${options.maxExpiresS})
modparam("auth", "algorithm", "${options.algorithm}")

request_route {
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  if (is_method("REGISTER")) {
    if (!pv_www_authenticate("$td", "${options.password}", "0")) {
      www_challenge("$td", "1");
      exit;
    }
    consume_credentials();
    if (!save("location")) sl_reply_error();
    exit;
  }
  if (!lookup("location")) {
    sl_send_reply("404", "Not Found");
    exit;
  }
  t_relay();
}
`;
}

/** Starts Kamailio in the foreground, in its own process group; `stop` kills the group. */
export async function startKamailio(
  dir: string,
  options: KamailioOptions,
): Promise<{ log: () => string; stop: () => Promise<void> }> {
  const file = join(dir, `kamailio-${options.port}.cfg`);
  await writeFile(file, config(options));
  const child = spawn(
    '/usr/sbin/kamailio',
    ['-f', file, '-DD', '-E', '-m', '16', '-M', '4', '-Y', dir, '-P', join(dir, 'kamailio.pid')],
    // Its own process group: Kamailio forks workers, and all of them must go when it stops.
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM to the main process: it stops its workers and reaps them; SIGKILL to the group if not.
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const pid = child.pid;
    child.kill('SIGTERM');
    const timer = setTimeout(() => process.kill(-pid, 'SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  // It prints its sockets once the configuration is read; a bad one makes it exit instead.
  const startedMs = performance.now();
  while (!/Listening on/i.test(log)) {
    if (child.exitCode !== null || performance.now() - startedMs > 10_000) {
      await stop();
      throw new Error(`kamailio did not start:\n${log.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { log: () => log, stop };
}
