import crypto from 'node:crypto';
import type { Question } from './questions.js';

/**
 * The per-person option order of a `randomize` question: a shuffle seeded by an HMAC of the
 * survey, the account and the question, so a reload (or another device) shows the same order.
 * Options keep their original indexes; only the order in which they are shown changes. Nothing
 * is stored: the order is computed again on each read.
 */
export function optionOrder(
  surveyId: number,
  accountId: number,
  questionId: string,
  count: number,
): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let seed = crypto
    .createHmac('sha256', `lianxin-survey-order:${surveyId}`)
    .update(`${accountId}:${questionId}`)
    .digest();
  let pos = 0;
  const next = () => {
    if (pos + 4 > seed.length) {
      seed = crypto.createHash('sha256').update(seed).digest();
      pos = 0;
    }
    const v = seed.readUInt32BE(pos);
    pos += 4;
    return v;
  };
  // Fisher–Yates; the tiny modulo bias of 2^32 % n does not matter for display order.
  for (let i = count - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Which types have their options shuffled when `randomize` is set (never a matrix's columns or a scale). */
export const RANDOMIZABLE: readonly Question['type'][] = ['single', 'multiple', 'ranking'];

/** The questions as one person sees them: `optionOrder` on each randomized question. */
export function questionsFor<Q extends Question>(
  questions: Q[],
  surveyId: number,
  accountId: number | null,
): Array<Q & { optionOrder?: number[] }> {
  return questions.map((q) =>
    q.randomize && RANDOMIZABLE.includes(q.type) && accountId !== null
      ? { ...q, optionOrder: optionOrder(surveyId, accountId, q.id, q.options.length) }
      : q,
  );
}
