import type { ConsultationAbilities, Phase } from './policy.js';
import * as repo from './repository.js';
import type { SplitSection } from './split.js';
import type { ANSWERS, SECTION_KINDS, STANCES } from './schemas.js';

/**
 * What each reader is shown (docs/consultations-design.md). Comment authors are named to the
 * drafting side only; staff see their own comments; the published report carries no name.
 */

type Answer = (typeof ANSWERS)[number];
type Kind = (typeof SECTION_KINDS)[number];
type Stance = (typeof STANCES)[number];
type Names = Map<number, string>;

const dept = (id: number, names: Names) => ({ id, name: names.get(id) ?? '' });

export function totalsOf(sections: Iterable<repo.SectionCounts>): repo.SectionCounts {
  const t = { ...repo.ZERO_COUNTS };
  for (const c of sections) {
    for (const k of Object.keys(t) as Array<keyof repo.SectionCounts>) t[k] += c[k];
  }
  return t;
}

export function presentSplit(s: SplitSection) {
  return { kind: s.kind, label: s.label, chapter: s.chapter, text: s.text };
}

export function presentSummary(
  row: repo.ConsultationRow,
  phase: Phase,
  names: Names,
  totals: repo.SectionCounts,
) {
  return {
    id: row.id,
    title: row.title,
    draftingDepartment: dept(row.drafting_department_id, names),
    status: row.status as 'open' | 'closed' | 'reported',
    phase,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    totals,
  };
}

type AuthoredComment = repo.CommentRow & {
  author_name?: string | null;
  author_department?: string | null;
};

export function presentComment(c: AuthoredComment, viewerAccountId: number, named: boolean) {
  return {
    id: c.id,
    sectionId: c.section_id,
    body: c.body,
    createdAt: c.created_at,
    answer: (c.answer as Answer | null) ?? null,
    answerReason: c.answer_reason,
    answeredAt: c.answered_at,
    ...(named
      ? { authorName: c.author_name ?? '', authorDepartment: c.author_department ?? null }
      : {}),
    mine: c.account_id === viewerAccountId,
  };
}

export function presentConsultation(input: {
  row: repo.ConsultationRow;
  phase: Phase;
  names: Names;
  audience: number[];
  sections: repo.SectionRow[];
  counts: Map<number, repo.SectionCounts>;
  stances: Map<number, string>;
  comments: AuthoredComment[];
  viewerAccountId: number;
  viewer: { manages: boolean; inAudience: boolean };
  abilities: ConsultationAbilities;
}) {
  const { row, names, counts, viewer } = input;
  const sections = input.sections.map((s) => ({
    id: s.id,
    seq: s.seq,
    kind: s.kind as Kind,
    label: s.label,
    chapter: s.chapter,
    text: s.text,
    counts: counts.get(s.id) ?? { ...repo.ZERO_COUNTS },
    myStance: (input.stances.get(s.id) as Stance | undefined) ?? null,
    comments: input.comments
      .filter((c) => c.section_id === s.id)
      .map((c) => presentComment(c, input.viewerAccountId, viewer.manages)),
  }));
  return {
    ...presentSummary(row, input.phase, names, totalsOf(sections.map((s) => s.counts))),
    audience: row.audience as 'unit' | 'departments',
    audienceDepartments: input.audience.map((id) => dept(id, names)),
    source: row.source as 'text' | 'docx',
    createdAt: row.created_at,
    closedAt: row.closed_at,
    reportedAt: row.reported_at,
    sections,
    viewer,
    abilities: input.abilities,
  };
}

/** The adoption report (意见采纳情况): counts and each comment's text and answer, no names. */
export function presentReport(input: {
  row: repo.ConsultationRow;
  names: Names;
  sections: repo.SectionRow[];
  counts: Map<number, repo.SectionCounts>;
  comments: repo.CommentRow[];
}) {
  const { row } = input;
  const sections = input.sections.map((s) => ({
    id: s.id,
    seq: s.seq,
    kind: s.kind as Kind,
    label: s.label,
    chapter: s.chapter,
    text: s.text,
    counts: input.counts.get(s.id) ?? { ...repo.ZERO_COUNTS },
    items: input.comments
      .filter((c) => c.section_id === s.id)
      .map((c) => ({
        body: c.body,
        answer: (c.answer as Answer | null) ?? null,
        answerReason: c.answer_reason,
      })),
  }));
  return {
    id: row.id,
    title: row.title,
    draftingDepartment: dept(row.drafting_department_id, input.names),
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    reportedAt: row.reported_at,
    published: row.status === 'reported',
    totals: totalsOf(sections.map((s) => s.counts)),
    sections,
  };
}

export type MyCommentRow = Awaited<ReturnType<typeof repo.listMyComments>>[number];

export function presentMyComment(c: MyCommentRow, viewerAccountId: number) {
  return {
    ...presentComment(c, viewerAccountId, false),
    consultationId: c.consultation_id,
    consultationTitle: c.consultation_title,
    sectionKind: c.section_kind as Kind,
    sectionLabel: c.section_label,
  };
}
