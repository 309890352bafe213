import { api } from '../../app/api';
import type { TFunction, TKey } from '../../i18n';

/** Draft consultation's API shapes as the web reads them (docs/consultations-design.md). */

export const ANSWERS = ['adopted', 'partly', 'not_adopted'] as const;
export type Answer = (typeof ANSWERS)[number];
export type Stance = 'agree' | 'disagree';
export type Phase = 'upcoming' | 'open' | 'ended' | 'closed' | 'reported';
export type SectionKind = 'preamble' | 'article' | 'chapter' | 'heading' | 'whole';

export const TITLE_MAX = 200;
export const COMMENT_MAX = 2000;
export const REASON_MAX = 2000;
export const TEXT_MAX = 100_000;

export interface Counts {
  agree: number;
  disagree: number;
  comments: number;
  adopted: number;
  partly: number;
  notAdopted: number;
  unanswered: number;
}

export interface SplitSection {
  kind: SectionKind;
  label: string;
  chapter: string;
  text: string;
}

export interface Comment {
  id: number;
  sectionId: number;
  body: string;
  createdAt: string;
  answer: Answer | null;
  answerReason: string | null;
  answeredAt: string | null;
  authorName?: string;
  authorDepartment?: string | null;
  mine: boolean;
}

export interface Section extends SplitSection {
  id: number;
  seq: number;
  counts: Counts;
  myStance: Stance | null;
  comments: Comment[];
}

export interface DepartmentRef {
  id: number;
  name: string;
}

export interface Summary {
  id: number;
  title: string;
  draftingDepartment: DepartmentRef;
  status: 'open' | 'closed' | 'reported';
  phase: Phase;
  opensOn: string;
  closesOn: string;
  totals: Counts;
}

export interface Abilities {
  comment: boolean;
  answer: boolean;
  close: boolean;
  publishReport: boolean;
  readReport: boolean;
  previewReport: boolean;
}

export interface Consultation extends Summary {
  audience: 'unit' | 'departments';
  audienceDepartments: DepartmentRef[];
  source: 'text' | 'docx';
  createdAt: string;
  closedAt: string | null;
  reportedAt: string | null;
  sections: Section[];
  viewer: { manages: boolean; inAudience: boolean };
  abilities: Abilities;
}

export interface MyComment extends Comment {
  consultationId: number;
  consultationTitle: string;
  sectionKind: SectionKind;
  sectionLabel: string;
}

export interface ConsultationList {
  open: Summary[];
  mine: MyComment[];
  reports: Summary[];
  managed: Summary[];
}

export interface ReportSection extends SplitSection {
  id: number;
  seq: number;
  counts: Counts;
  items: Array<{ body: string; answer: Answer | null; answerReason: string | null }>;
}

export interface Report {
  id: number;
  title: string;
  draftingDepartment: DepartmentRef;
  opensOn: string;
  closesOn: string;
  reportedAt: string | null;
  published: boolean;
  totals: Counts;
  sections: ReportSection[];
}

export interface CreateBody {
  title: string;
  draftingDepartmentId: number;
  text: string;
  attachmentId?: string;
  audience: 'unit' | 'departments';
  departmentIds: number[];
  opensOn: string;
  closesOn: string;
}

// ---- API ----

const base = '/api/consultations';
type One = { consultation: Consultation };

export const consultationsApi = {
  list: () => api.get<ConsultationList>(base),
  get: (id: number | string) => api.get<One>(`${base}/${id}`).then((r) => r.consultation),
  report: (id: number | string) =>
    api.get<{ report: Report }>(`${base}/${id}/report`).then((r) => r.report),
  preview: (text: string) =>
    api.post<{ sections: SplitSection[] }>(`${base}/preview`, { text }).then((r) => r.sections),
  /** Upload a .docx (files service), then read its text and split. */
  async readDocx(file: File) {
    const form = new FormData();
    form.append('file', file, file.name);
    const { attachment } = await api.upload<{ attachment: { id: string; name: string } }>(
      '/api/files',
      form,
    );
    const read = await api.post<{ text: string; sections: SplitSection[] }>(`${base}/docx-text`, {
      attachmentId: attachment.id,
    });
    return { attachmentId: attachment.id, name: attachment.name, ...read };
  },
  create: (body: CreateBody) => api.post<One>(base, body).then((r) => r.consultation),
  stance: (id: number, sectionId: number, stance: Stance | null) =>
    api
      .post<One>(`${base}/${id}/sections/${sectionId}/stance`, { stance })
      .then((r) => r.consultation),
  comment: (id: number, sectionId: number, body: string) =>
    api
      .post<One>(`${base}/${id}/sections/${sectionId}/comments`, { body })
      .then((r) => r.consultation),
  answer: (id: number, commentId: number, answer: Answer, reason: string) =>
    api
      .post<One>(`${base}/${id}/comments/${commentId}/answer`, {
        answer,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      })
      .then((r) => r.consultation),
  close: (id: number) => api.post<One>(`${base}/${id}/close`).then((r) => r.consultation),
  publishReport: (id: number) =>
    api.post<{ report: Report }>(`${base}/${id}/report`).then((r) => r.report),
};

// ---- pure helpers ----

/** 第二条 as written, else 前言 / 全文 in the reader's language. */
export function sectionName(t: TFunction, s: Pick<SplitSection, 'kind' | 'label'>): string {
  if (s.label) return s.label;
  return t(
    s.kind === 'preamble' ? 'consultations.section.preamble' : 'consultations.section.whole',
  );
}

export function answerLabel(answer: Answer | null): TKey {
  return answer ? `consultations.answer.${answer}` : 'consultations.answer.none';
}

export const ANSWER_COLORS: Record<Answer, string> = {
  adopted: 'green',
  partly: 'gold',
  not_adopted: 'red',
};

export const PHASE_COLORS: Record<Phase, string> = {
  upcoming: 'default',
  open: 'blue',
  ended: 'orange',
  closed: 'default',
  reported: 'green',
};

/** A reason is required unless the comment is adopted. */
export function reasonMissing(answer: Answer | null, reason: string): boolean {
  return answer !== null && answer !== 'adopted' && reason.trim() === '';
}

/** The bar chart's option: one category per section, stances and answers as series. */
export function reportChartOption(t: TFunction, report: Pick<Report, 'sections'>, mobile: boolean) {
  const names = report.sections.map((s) => sectionName(t, s));
  const series = (
    [
      ['agree', 'consultations.stance.agree', '#52c41a'],
      ['disagree', 'consultations.stance.disagree', '#ff4d4f'],
      ['adopted', 'consultations.answer.adopted', '#1677ff'],
      ['partly', 'consultations.answer.partly', '#faad14'],
      ['notAdopted', 'consultations.answer.not_adopted', '#8c8c8c'],
    ] as const
  ).map(([key, label, color]) => ({
    name: t(label),
    type: 'bar' as const,
    itemStyle: { color },
    data: report.sections.map((s) => s.counts[key]),
  }));
  const category = { type: 'category' as const, data: names, inverse: mobile };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: mobile ? 64 : 40, bottom: 8, containLabel: true },
    xAxis: mobile ? value : category,
    yAxis: mobile ? category : value,
    series,
  };
}
