import { hasRole, type Actor } from '../actor.js';

/** Everyone has an inbox and preferences; the unit's channels (SMTP, group robots) are settings. */
export const notificationPolicy = {
  ownInbox: (a: Actor) => !!a,
  managePreferences: (a: Actor) => !!a,
  manageChannels: (a: Actor) => hasRole(a, 'office', 'system_admin'),
};
