import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as OTLP/JSON carries it (only the fields the tests read). */
export interface OtlpJsonSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes?: readonly { key: string; value: Record<string, unknown> }[];
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: OtlpJsonSpan[] }[];
  }[];
}

/**
 * A local OTLP/HTTP trace receiver, strict like a collector
 * (https://opentelemetry.io/docs/specs/otlp/#otlphttp): only POST to /v1/traces, only
 * `application/json` or `application/x-protobuf` bodies (anything else: 415), a body that
 * does not parse is a 400; success is 200 with an ExportTraceServiceResponse (`{}`).
 * Protobuf bodies are refused here with 415 since this receiver decodes JSON only.
 */
export async function startOtlpReceiver() {
  const spans: OtlpJsonSpan[] = [];
  const serviceNames = new Set<string>();
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/traces') return reply(res, 404, 'not found');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return reply(res, 415, 'unsupported media type');
    }
    let body: ExportRequest;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest;
    } catch (error: unknown) {
      return reply(res, 400, `bad JSON: ${(error as Error).message}`);
    }
    for (const rs of body.resourceSpans ?? []) {
      for (const a of rs.resource?.attributes ?? []) {
        if (a.key === 'service.name' && a.value.stringValue) serviceNames.add(a.value.stringValue);
      }
      for (const ss of rs.scopeSpans ?? []) spans.push(...(ss.spans ?? []));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    serviceNames,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function reply(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ code: status, message }));
}
