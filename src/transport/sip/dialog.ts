import { header, headers, type SipHeader, type SipRequest } from './message.ts';
import { newBranch, uriOf, USER_AGENT } from './build.ts';

/**
 * The UAS side of a dialog (RFC 3261 §12.1.1): what it needs to send requests of its own
 * (BYE, REFER) back to the caller.
 */
export interface Dialog {
  readonly callId: string;
  /** Our From for requests we send: the INVITE's To with our tag. */
  readonly local: string;
  /** Our To for requests we send: the INVITE's From. */
  readonly remote: string;
  /** Where requests go: the caller's Contact. */
  readonly remoteTarget: string;
  /** Record-Route of the INVITE, in order (§12.1.1). */
  readonly routeSet: readonly string[];
  readonly localContact: string;
  /** Our Via sent-by (`host:port`) and transport for requests we send. */
  readonly viaSentBy: string;
  readonly viaTransport: 'UDP' | 'TCP';
  localSequence: number;
}

export function dialogFromInvite(
  invite: SipRequest,
  localTag: string,
  localContact: string,
  viaSentBy: string,
  viaTransport: 'UDP' | 'TCP',
): Dialog {
  const to = header(invite, 'To') ?? '';
  return {
    callId: header(invite, 'Call-ID') ?? '',
    local: `${to};tag=${localTag}`,
    remote: header(invite, 'From') ?? '',
    remoteTarget: uriOf(header(invite, 'Contact') ?? header(invite, 'From') ?? ''),
    routeSet: headers(invite, 'Record-Route').flatMap((value) =>
      value.split(/,(?=\s*<)/).map((v) => v.trim()),
    ),
    localContact,
    viaSentBy,
    viaTransport,
    localSequence: Math.floor(Math.random() * 10_000) + 1,
  };
}

/** A request within the dialog (BYE, REFER …) with the next CSeq. */
export function dialogRequest(
  dialog: Dialog,
  method: string,
  extra: readonly SipHeader[] = [],
  body?: { readonly type: string; readonly content: string },
): SipRequest {
  dialog.localSequence++;
  const headerList: SipHeader[] = [
    ['Via', `SIP/2.0/${dialog.viaTransport} ${dialog.viaSentBy};branch=${newBranch()};rport`],
    ...dialog.routeSet.map((route): SipHeader => ['Route', route]),
    ['Max-Forwards', '70'],
    ['From', dialog.local],
    ['To', dialog.remote],
    ['Call-ID', dialog.callId],
    ['CSeq', `${dialog.localSequence} ${method}`],
    ['Contact', `<${dialog.localContact}>`],
    ['User-Agent', USER_AGENT],
    ...extra,
  ];
  if (body) headerList.push(['Content-Type', body.type]);
  return {
    kind: 'request',
    method,
    uri: dialog.remoteTarget,
    headers: headerList,
    body: Buffer.from(body?.content ?? '', 'utf8'),
  };
}
