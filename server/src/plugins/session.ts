import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localeFromHeader, type Locale } from '@lianxin/common';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import { mustChangePassword } from '../core/auth/commands.js';
import * as authRepo from '../core/auth/repository.js';

export const SESSION_COOKIE = 'lx_session';
export const LOCALE_COOKIE = 'lx_locale';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the actor must change their password before anything else. */
    passwordChangeRequired: boolean;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, set-up, anonymous channels). */
    public?: boolean;
    /** Reachable while a password change is pending (me, change password, logout). */
    duringPasswordChange?: boolean;
  }
}

const TOUCH_INTERVAL_MS = 60_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions, CSRF and deny-by-default. A route is closed to anonymous callers unless its config
 * says `public: true`; state changes from another origin are refused.
 */
export function registerSessions(app: FastifyInstance, database: Database, config: Config) {
  app.decorateRequest('actor', null);
  app.decorateRequest('passwordChangeRequired', false);
  app.decorateRequest('locale', 'zh-CN');

  const allowedOrigins = new Set([config.publicUrl]);

  app.addHook('onRequest', async (req) => {
    const cookieLocale = req.cookies[LOCALE_COOKIE];
    req.locale =
      cookieLocale === 'en' || cookieLocale === 'zh-CN'
        ? cookieLocale
        : localeFromHeader(req.headers['accept-language']);

    if (UNSAFE.has(req.method) && req.url.startsWith('/api/')) checkSameOrigin(req, allowedOrigins);

    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await authRepo.findLiveSession(database.db, authRepo.sha256(token));
    if (!session) return;
    const now = Date.now();
    const idleLimit = config.sessionIdleMinutes * 60_000;
    if (
      new Date(session.expires_at).getTime() <= now ||
      new Date(session.last_seen_at).getTime() + idleLimit <= now
    ) {
      await authRepo.endSessions(
        database.db,
        { accountId: session.account_id, id: session.id },
        new Date(now).toISOString(),
      );
      return;
    }
    const actor = await authRepo.loadActor(database.db, session.account_id, session.id);
    if (!actor) return;
    if (now - new Date(session.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      await authRepo.touchSession(database.db, session.id, new Date(now).toISOString());
    }
    req.passwordChangeRequired = mustChangePassword(actor.account, actor.roles);
    const { account: _account, ...plain } = actor;
    req.actor = plain;
  });

  app.addHook('preHandler', async (req) => {
    const cfg = req.routeOptions.config;
    // Only the API is guarded here; static files of the web app and the API docs are public.
    if (cfg?.public || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED');
    if (req.passwordChangeRequired && !cfg?.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

/**
 * OWASP's "verify origin with standard headers": a browser always sends Origin (or
 * Sec-Fetch-Site) on a cross-site POST, so either one naming another site is refused. Clients
 * that send neither (scripts, curl) carry no ambient browser cookies and pass.
 */
function checkSameOrigin(req: FastifyRequest, allowed: Set<string>) {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new AppError('CSRF_REJECTED');
  const origin = req.headers.origin;
  if (!origin) return;
  const host = req.headers.host;
  const sameHost = host && (origin === `http://${host}` || origin === `https://${host}`);
  if (!sameHost && !allowed.has(origin)) throw new AppError('CSRF_REJECTED');
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  expiresAt: string,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
  });
}
