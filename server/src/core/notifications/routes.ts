import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../plugins/session.js';
import { AppError } from '../errors.js';
import { errors, idParam, okSchema, typed, type RoutePlugin } from '../http.js';
import * as commands from './commands.js';
import { smtpFromEnv } from './env.js';
import { translate, type Locale } from '@lianxin/common';
import { kindLabel, registeredKinds } from './kinds.js';
import { notificationPolicy } from './policy.js';
import {
  presentFailure,
  presentNotification,
  presentPreferences,
  presentSmtp,
  presentWebhook,
} from './present.js';
import * as repo from './repository.js';
import * as s from './schemas.js';
import { postRobot, sendMail, smtpTransport } from './send.js';

function allow(ok: boolean) {
  if (!ok) throw new AppError('FORBIDDEN');
}

const TAGS = ['notifications'];
const TEST_TIMEOUT_MS = 5000;

export const notificationRoutes: RoutePlugin = async (plain) => {
  const app = typed(plain);
  const { database } = app.deps;
  const ctx = (req: FastifyRequest) => ({ database, actor: requireActor(req) });

  // ---- inbox ----

  app.get(
    '/notifications',
    {
      schema: {
        tags: TAGS,
        querystring: s.inboxQuery,
        response: { 200: s.inboxResponse, ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.ownInbox(actor));
      const { items, total } = await repo.listInbox(database.db, actor.accountId, {
        unreadOnly: req.query.unreadOnly === 'true',
        page: req.query.page,
        pageSize: req.query.pageSize,
      });
      return {
        items: items.map((r) => presentNotification(r, req.locale)),
        total,
        unread: await repo.unreadCount(database.db, actor.accountId),
        abilities: { markAllRead: true },
      };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: TAGS,
        response: { 200: z.object({ count: z.number() }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.ownInbox(actor));
      return { count: await repo.unreadCount(database.db, actor.accountId) };
    },
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: TAGS, params: idParam, response: { 200: okSchema, ...errors } } },
    async (req) => {
      allow(notificationPolicy.ownInbox(requireActor(req)));
      await commands.markNotificationRead(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: TAGS,
        response: { 200: z.object({ ok: z.literal(true), count: z.number() }), ...errors },
      },
    },
    async (req) => {
      allow(notificationPolicy.ownInbox(requireActor(req)));
      const count = await commands.markAllRead(ctx(req));
      return { ok: true as const, count };
    },
  );

  // ---- preferences ----

  app.get(
    '/notifications/preferences',
    {
      schema: {
        tags: TAGS,
        response: { 200: z.object({ preferences: s.preferencesSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.managePreferences(actor));
      const row = await repo.getPreferences(database.db, actor.accountId);
      return { preferences: presentPreferences(row, req.locale) };
    },
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags: TAGS,
        body: s.preferencesBody,
        response: { 200: z.object({ preferences: s.preferencesSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.managePreferences(actor));
      await commands.updatePreferences(ctx(req), req.body);
      const row = await repo.getPreferences(database.db, actor.accountId);
      return { preferences: presentPreferences(row, req.locale) };
    },
  );

  // ---- channels (office, system administrator) ----

  app.get(
    '/notifications/channels',
    { schema: { tags: TAGS, response: { 200: s.channelsResponse, ...errors } } },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.manageChannels(actor));
      const unitId = actor.unitId;
      return {
        smtp: presentSmtp(await repo.getSmtp(database.db, unitId)),
        envSmtp: !!smtpFromEnv().smtpUrl,
        webhooks: (await repo.listWebhooks(database.db, unitId)).map(presentWebhook),
        counts: await repo.deliveryCounts(database.db, unitId),
        failures: (await repo.recentFailures(database.db, unitId)).map(presentFailure),
        kinds: registeredKinds().map(([type]) => ({ type, label: kindLabel(type, req.locale) })),
        abilities: { update: true },
      };
    },
  );

  app.put(
    '/notifications/channels/smtp',
    {
      schema: {
        tags: TAGS,
        body: s.smtpBody,
        response: { 200: z.object({ smtp: s.smtpSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.manageChannels(actor));
      await commands.saveSmtp(ctx(req), req.body);
      return { smtp: presentSmtp(await repo.getSmtp(database.db, actor.unitId))! };
    },
  );

  app.delete(
    '/notifications/channels/smtp',
    { schema: { tags: TAGS, response: { 200: okSchema, ...errors } } },
    async (req) => {
      allow(notificationPolicy.manageChannels(requireActor(req)));
      await commands.removeSmtp(ctx(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/channels/smtp/test',
    {
      schema: { tags: TAGS, body: s.smtpTestBody, response: { 200: okSchema, ...errors } },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.manageChannels(actor));
      const row = await repo.getSmtp(database.db, actor.unitId);
      const env = smtpFromEnv();
      const transport =
        row && row.enabled === 1
          ? smtpTransport({
              host: row.host,
              port: row.port,
              secure: row.secure === 1,
              username: row.username,
              password: row.password,
              fromAddress: row.from_address,
            })
          : env.smtpUrl
            ? smtpTransport({ url: env.smtpUrl, from: env.smtpFrom })
            : null;
      if (!transport) throw new AppError('SMTP_NOT_CONFIGURED', undefined, 409);
      const msg = testMessage(req.locale);
      try {
        await withTimeout(
          sendMail(transport, {
            to: req.body.to,
            subject: msg.title,
            text: msg.body,
            messageId: `<lianxin-test-${Date.now()}@lianxin.local>`,
          }),
          TEST_TIMEOUT_MS * 3,
        );
      } catch (err) {
        throw new AppError('SMTP_TEST_FAILED', { reason: reason(err) }, 400);
      } finally {
        transport.transporter.close();
      }
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/channels/webhooks',
    {
      schema: {
        tags: TAGS,
        body: s.webhookCreateBody,
        response: { 200: z.object({ webhook: s.webhookSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.manageChannels(actor));
      const id = await commands.createWebhook(ctx(req), req.body);
      return { webhook: presentWebhook((await repo.getWebhook(database.db, actor.unitId, id))!) };
    },
  );

  app.patch(
    '/notifications/channels/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        params: idParam,
        body: s.webhookUpdateBody,
        response: { 200: z.object({ webhook: s.webhookSchema }), ...errors },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.manageChannels(actor));
      await commands.updateWebhook(ctx(req), req.params.id, req.body);
      const row = await repo.getWebhook(database.db, actor.unitId, req.params.id);
      if (!row) throw new AppError('WEBHOOK_NOT_FOUND', undefined, 404);
      return { webhook: presentWebhook(row) };
    },
  );

  app.delete(
    '/notifications/channels/webhooks/:id',
    { schema: { tags: TAGS, params: idParam, response: { 200: okSchema, ...errors } } },
    async (req) => {
      allow(notificationPolicy.manageChannels(requireActor(req)));
      await commands.deleteWebhook(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/channels/webhooks/:id/test',
    { schema: { tags: TAGS, params: idParam, response: { 200: okSchema, ...errors } } },
    async (req) => {
      const actor = requireActor(req);
      allow(notificationPolicy.manageChannels(actor));
      const row = await repo.getWebhook(database.db, actor.unitId, req.params.id);
      if (!row) throw new AppError('WEBHOOK_NOT_FOUND', undefined, 404);
      const msg = testMessage(req.locale);
      try {
        await postRobot(row, { title: msg.title, text: msg.body }, TEST_TIMEOUT_MS);
      } catch (err) {
        throw new AppError('WEBHOOK_TEST_FAILED', { reason: reason(err) }, 400);
      }
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/channels/deliveries/:id/retry',
    { schema: { tags: TAGS, params: idParam, response: { 200: okSchema, ...errors } } },
    async (req) => {
      allow(notificationPolicy.manageChannels(requireActor(req)));
      await commands.retryDelivery(ctx(req), req.params.id);
      return { ok: true as const };
    },
  );
};

/** The channels page's test message (not a notification kind: nobody subscribes to it). */
function testMessage(locale: Locale) {
  return {
    title: translate(locale, 'notifications.test.title'),
    body: translate(locale, 'notifications.test.body'),
  };
}

function reason(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
