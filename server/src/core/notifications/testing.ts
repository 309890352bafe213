import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createHmac } from 'node:crypto';

/**
 * Loopback stand-ins for the outside world, for tests and the benchmark: an SMTP server that
 * keeps what it receives, and a group-robot server that checks payloads (and DingTalk signatures).
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  raw: string;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_w, enc: string, data: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** Just enough MIME to read back a single-part text mail nodemailer wrote. */
export function parseMail(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  }
  return {
    subject: decodeWords(header('Subject')),
    messageId: header('Message-ID'),
    text: body.replace(/\r\n/g, '\n').trim(),
    raw,
  };
}

export async function startSmtpSink(opts: { parse?: boolean } = {}) {
  const mails: ReceivedMail[] = [];
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        count++;
        if (opts.parse !== false) {
          const raw = Buffer.concat(chunks).toString('utf8');
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            ...parseMail(raw),
          });
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    count: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RobotPost {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  signatureOk: boolean | null;
}

/**
 * A robot server. `/wecom/<key>` checks the WeCom shape; `/dingtalk/<key>` also checks the
 * signature against `secret`. `mode` makes it fail: `500` answers 500, `hang` never answers,
 * `errcode` answers 200 with a robot error.
 */
export async function startRobotServer(secret: string) {
  const posts: RobotPost[] = [];
  let mode: 'ok' | '500' | 'hang' | 'errcode' = 'ok';
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end('{"errcode":400}');
        return;
      }
      let signatureOk: boolean | null = null;
      let shapeOk = false;
      if (url.pathname.startsWith('/dingtalk')) {
        const ts = Number(url.searchParams.get('timestamp'));
        const sign = url.searchParams.get('sign') ?? '';
        // Computed here independently of the code under test, as DingTalk does: base64 of
        // HMAC-SHA256 over `${timestamp}\n${secret}`, within an hour of now.
        const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
        signatureOk =
          Number.isFinite(ts) && Math.abs(Date.now() - ts) < 3_600_000 && sign === expected;
        const md = body.markdown as { title?: unknown; text?: unknown } | undefined;
        shapeOk =
          body.msgtype === 'markdown' &&
          typeof md?.title === 'string' &&
          typeof md.text === 'string';
      } else {
        const md = body.markdown as { content?: unknown } | undefined;
        shapeOk =
          (body.msgtype === 'markdown' && typeof md?.content === 'string') ||
          (body.msgtype === 'text' &&
            typeof (body.text as { content?: unknown })?.content === 'string');
      }
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (mode === '500') {
        res.writeHead(500).end('oops');
        return;
      }
      posts.push({ path: url.pathname, query: url.searchParams, body, signatureOk });
      res.setHeader('content-type', 'application/json');
      if (mode === 'errcode') res.end('{"errcode":310000,"errmsg":"sign not match"}');
      else if (!shapeOk || signatureOk === false) res.end('{"errcode":300001,"errmsg":"bad"}');
      else res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    posts,
    setMode(m: typeof mode) {
      mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
