import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

/** Where a unit's e-mail goes out: its own SMTP settings, else the environment's SMTP URL. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
  fromAddress: string;
}

export interface MailTransport {
  from: string;
  transporter: Transporter;
}

/** A pooled transport for one delivery run; closed at the end of the run. */
export function smtpTransport(s: SmtpSettings | { url: string; from: string }): MailTransport {
  if ('url' in s) {
    return {
      from: s.from,
      transporter: nodemailer.createTransport(
        `${s.url}${s.url.includes('?') ? '&' : '?'}pool=true`,
      ),
    };
  }
  return {
    from: s.fromAddress,
    transporter: nodemailer.createTransport({
      host: s.host,
      port: s.port,
      secure: s.secure,
      pool: true,
      maxConnections: 5,
      // Plain SMTP on a private network is allowed, as most hospital mail relays are; STARTTLS
      // is used when offered.
      tls: { rejectUnauthorized: false },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      ...(s.username ? { auth: { user: s.username, pass: s.password ?? '' } } : {}),
    }),
  };
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so a resend after a crash can be recognised as the same message. */
  messageId: string;
}

export async function sendMail(t: MailTransport, m: MailMessage): Promise<void> {
  await t.transporter.sendMail({
    from: t.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    headers: { 'X-Lianxin-Delivery': m.messageId },
  });
}

// ---- group robots ----

export interface RobotMessage {
  title: string;
  text: string;
}

export interface RobotTarget {
  provider: 'wecom' | 'dingtalk' | string;
  url: string;
  secret: string | null;
}

/** DingTalk's signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), url-encoded. */
export function dingtalkSign(timestamp: number, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return encodeURIComponent(mac);
}

/** Markdown special characters in user text would reformat the post; shown literally instead. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]#>])/g, '\\$1');
}

export function robotRequest(target: RobotTarget, msg: RobotMessage, now = Date.now()) {
  let url = target.url;
  let body: unknown;
  if (target.provider === 'dingtalk') {
    if (target.secret) {
      const sep = url.includes('?') ? '&' : '?';
      url = `${url}${sep}timestamp=${now}&sign=${dingtalkSign(now, target.secret)}`;
    }
    body = {
      msgtype: 'markdown',
      markdown: { title: msg.title, text: `#### ${md(msg.title)}\n\n${md(msg.text)}` },
    };
  } else {
    body = { msgtype: 'markdown', markdown: { content: `**${md(msg.title)}**\n${md(msg.text)}` } };
  }
  return { url, body };
}

/**
 * Post to a robot. A timeout, a non-2xx answer or a robot error code (`errcode` ≠ 0, how both
 * WeCom and DingTalk report refusals) is a failure: the delivery is retried.
 */
export async function postRobot(
  target: RobotTarget,
  msg: RobotMessage,
  timeoutMs: number,
): Promise<void> {
  const { url, body } = robotRequest(target, msg);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new Error(`timeout after ${timeoutMs} ms`);
    throw new Error(`request failed: ${(err as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  let parsed: { errcode?: number; errmsg?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON: a 2xx is taken as accepted.
  }
  if (typeof parsed.errcode === 'number' && parsed.errcode !== 0) {
    throw new Error(`robot error ${parsed.errcode}: ${String(parsed.errmsg ?? '').slice(0, 200)}`);
  }
}
