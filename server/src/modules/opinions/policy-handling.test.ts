import { describe, expect, it } from 'vitest';
import {
  HANDLING_ACTIONS,
  handlingRefusal,
  OPINION_STATUSES,
  type HandlerStanding,
  type HandlingAction,
  type OpinionStatus,
} from './policy.js';

/**
 * The state machine written out by hand (docs/opinions-design.md "States"): for each action, the
 * states in which each standing may do it. Everything not listed is refused.
 */
type Who = 'office' | 'lead' | 'co' | 'none';
const TABLE: Record<HandlingAction, Partial<Record<Who, OpinionStatus[]>>> = {
  accept: { office: ['submitted'] },
  notAccept: { office: ['submitted'] },
  dispatch: { office: ['accepted'] },
  sign: { lead: ['dispatched'], co: ['dispatched', 'signed'] },
  bounce: { lead: ['dispatched'] },
  ask: { office: ['accepted', 'dispatched', 'signed'], lead: ['dispatched', 'signed'] },
  reply: { office: ['accepted'], lead: ['signed'] },
  requestExtension: { lead: ['dispatched', 'signed'] },
  decideExtension: { office: ['accepted', 'dispatched', 'signed'] },
  merge: { office: ['submitted', 'accepted', 'dispatched', 'signed'] },
  publish: { office: ['replied', 'closed'] },
};

const STANDING: Record<Who, HandlerStanding> = {
  office: { office: true, lead: false, co: false },
  lead: { office: false, lead: true, co: false },
  co: { office: false, lead: false, co: true, coUnsigned: true },
  none: { office: false, lead: false, co: false },
};

describe('opinion handling state machine', () => {
  for (const action of HANDLING_ACTIONS)
    for (const who of ['office', 'lead', 'co', 'none'] as Who[])
      for (const status of OPINION_STATUSES) {
        const allowed = TABLE[action][who]?.includes(status) ?? false;
        it(`${action} by ${who} in ${status}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const r = handlingRefusal(action, STANDING[who], {
            status,
            hasLeadDepartment: true,
            consentPublish: true,
            hasReply: true,
          });
          expect(r === null).toBe(allowed);
          if (!allowed) expect(r).toBe(TABLE[action][who] ? 'wrong_state' : 'forbidden');
        });
      }

  it('lets the office redo a reply it gave itself (no lead department), not otherwise', () => {
    const f = { status: 'signed' as const, consentPublish: false, hasReply: true };
    expect(handlingRefusal('reply', STANDING.office, { ...f, hasLeadDepartment: false })).toBe(
      null,
    );
    expect(handlingRefusal('reply', STANDING.office, { ...f, hasLeadDepartment: true })).toBe(
      'wrong_state',
    );
  });

  it('publishes only with consent and a reply', () => {
    const f = { status: 'replied' as const, hasLeadDepartment: true };
    expect(
      handlingRefusal('publish', STANDING.office, { ...f, consentPublish: false, hasReply: true }),
    ).toBe('wrong_state');
    expect(
      handlingRefusal('publish', STANDING.office, { ...f, consentPublish: true, hasReply: false }),
    ).toBe('wrong_state');
  });

  it('lets a co-department sign once only', () => {
    const f = {
      status: 'signed' as const,
      hasLeadDepartment: true,
      consentPublish: false,
      hasReply: false,
    };
    expect(handlingRefusal('sign', { ...STANDING.co, coUnsigned: false }, f)).toBe('wrong_state');
  });
});
