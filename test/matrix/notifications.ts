import type { Case, Ctx } from './types.js';
import { ALL_SIGNED_IN } from './types.js';

const CHANNELS = ['office', 'system_admin'] as Case['who'];

/** The notifications service's routes in the authorization matrix. */
export function notificationsCases(_c: Ctx): Case[] {
  return [
    {
      route: 'GET /api/notifications',
      method: 'GET',
      url: '/api/notifications',
      who: ALL_SIGNED_IN,
    },
    {
      route: 'GET /api/notifications/unread-count',
      method: 'GET',
      url: '/api/notifications/unread-count',
      who: ALL_SIGNED_IN,
    },
    {
      // Nobody's notification (or someone else's): 404 for everyone.
      route: 'POST /api/notifications/:id/read',
      method: 'POST',
      url: '/api/notifications/999999/read',
      who: ALL_SIGNED_IN,
      ok: [404],
    },
    {
      route: 'POST /api/notifications/read-all',
      method: 'POST',
      url: '/api/notifications/read-all',
      who: ALL_SIGNED_IN,
    },
    {
      route: 'GET /api/notifications/preferences',
      method: 'GET',
      url: '/api/notifications/preferences',
      who: ALL_SIGNED_IN,
    },
    {
      route: 'PUT /api/notifications/preferences',
      method: 'PUT',
      url: '/api/notifications/preferences',
      who: ALL_SIGNED_IN,
      body: () => ({ email: null, emailMode: 'off' }),
    },
    {
      route: 'GET /api/notifications/channels',
      method: 'GET',
      url: '/api/notifications/channels',
      who: CHANNELS,
    },
    {
      route: 'PUT /api/notifications/channels/smtp',
      method: 'PUT',
      url: '/api/notifications/channels/smtp',
      who: CHANNELS,
      body: () => ({
        host: '127.0.0.1',
        port: 1,
        secure: false,
        username: null,
        fromAddress: 'lianxin@example.cn',
        enabled: true,
      }),
    },
    {
      // The SMTP above refuses connections: a clear 400, never a 5xx.
      route: 'POST /api/notifications/channels/smtp/test',
      method: 'POST',
      url: '/api/notifications/channels/smtp/test',
      who: CHANNELS,
      ok: [400, 409],
      body: () => ({ to: 'someone@example.cn' }),
    },
    {
      route: 'DELETE /api/notifications/channels/smtp',
      method: 'DELETE',
      url: '/api/notifications/channels/smtp',
      who: CHANNELS,
      ok: [404],
    },
    {
      route: 'POST /api/notifications/channels/webhooks',
      method: 'POST',
      url: '/api/notifications/channels/webhooks',
      who: CHANNELS,
      body: () => ({
        name: '办公室群',
        provider: 'wecom',
        url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix',
        eventTypes: ['deadline.overdue'],
      }),
    },
    {
      route: 'PATCH /api/notifications/channels/webhooks/:id',
      method: 'PATCH',
      url: '/api/notifications/channels/webhooks/999999',
      who: CHANNELS,
      ok: [404],
      body: () => ({ active: false }),
    },
    {
      route: 'POST /api/notifications/channels/webhooks/:id/test',
      method: 'POST',
      url: '/api/notifications/channels/webhooks/999999/test',
      who: CHANNELS,
      ok: [404],
    },
    {
      route: 'DELETE /api/notifications/channels/webhooks/:id',
      method: 'DELETE',
      url: '/api/notifications/channels/webhooks/999999',
      who: CHANNELS,
      ok: [404],
    },
    {
      route: 'POST /api/notifications/channels/deliveries/:id/retry',
      method: 'POST',
      url: '/api/notifications/channels/deliveries/999999/retry',
      who: CHANNELS,
      ok: [404],
    },
  ];
}
