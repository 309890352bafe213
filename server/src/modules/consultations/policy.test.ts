import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.js';
import { documentText, docxText } from './docx.js';
import { consultationPolicy, phaseOf, type DepartmentTree } from './policy.js';

// 1 内科 ← 2 心内科; 3 外科; 4 党委办公室
const tree: DepartmentTree = new Map([
  [1, null],
  [2, 1],
  [3, null],
  [4, null],
]);
const actor = (over: Partial<Actor>): Actor => ({
  accountId: 9,
  unitId: 1,
  personId: 9,
  username: 'u',
  name: 'u',
  roles: ['staff'],
  departmentId: 2,
  sessionId: null,
  ...over,
});

describe('consultation policy', () => {
  it('tells the phase from the status and the dates', () => {
    const c = { status: 'open', opens_on: '2026-12-01', closes_on: '2026-12-10' };
    expect(phaseOf(c, '2026-11-30')).toBe('upcoming');
    expect(phaseOf(c, '2026-12-01')).toBe('open');
    expect(phaseOf(c, '2026-12-10')).toBe('open');
    expect(phaseOf(c, '2026-12-11')).toBe('ended');
    expect(phaseOf({ ...c, status: 'closed' }, '2026-12-05')).toBe('closed');
    expect(phaseOf({ ...c, status: 'reported' }, '2026-12-05')).toBe('reported');
  });

  it('lets the office draft for any department and a head for theirs and below', () => {
    expect(consultationPolicy.draftFor(actor({ roles: ['staff', 'office'] }), 3, tree)).toBe(true);
    const head = actor({ roles: ['staff', 'department_head'], departmentId: 1 });
    expect(consultationPolicy.draftFor(head, 1, tree)).toBe(true);
    expect(consultationPolicy.draftFor(head, 2, tree)).toBe(true);
    expect(consultationPolicy.draftFor(head, 3, tree)).toBe(false);
    expect(consultationPolicy.draftFor(actor({}), 2, tree)).toBe(false);
  });

  it('puts staff in the audience of their department and those above it', () => {
    const unit = { audience: 'unit' };
    const some = { audience: 'departments' };
    expect(consultationPolicy.inAudience(actor({}), unit, [], tree)).toBe(true);
    expect(consultationPolicy.inAudience(actor({}), some, [1], tree)).toBe(true);
    expect(consultationPolicy.inAudience(actor({}), some, [3], tree)).toBe(false);
    // Administrators and accounts without a person are never consulted.
    expect(consultationPolicy.inAudience(actor({ roles: ['system_admin'] }), unit, [], tree)).toBe(
      false,
    );
    expect(consultationPolicy.inAudience(actor({ personId: null }), unit, [], tree)).toBe(false);
  });

  it('allows comments only while open, the report only once closed', () => {
    const staff = { manages: false, inAudience: true };
    const drafter = { manages: true, inAudience: false };
    expect(consultationPolicy.abilities('open', staff).comment).toBe(true);
    expect(consultationPolicy.abilities('ended', staff).comment).toBe(false);
    expect(consultationPolicy.abilities('open', drafter).publishReport).toBe(false);
    expect(consultationPolicy.abilities('ended', drafter).publishReport).toBe(true);
    expect(consultationPolicy.abilities('closed', drafter)).toMatchObject({
      publishReport: true,
      close: false,
      answer: true,
    });
    expect(consultationPolicy.abilities('reported', drafter).answer).toBe(false);
    expect(consultationPolicy.abilities('closed', staff).readReport).toBe(false);
    expect(consultationPolicy.abilities('reported', staff).readReport).toBe(true);
  });
});

describe('docx text', () => {
  it('keeps paragraphs, joins runs, turns tabs and breaks into text and decodes entities', () => {
    const xml =
      '<w:document><w:body>' +
      '<w:p><w:r><w:t>第一条</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">甲 &amp; 乙</w:t></w:r></w:p>' +
      '<w:p/>' +
      '<w:p><w:pPr><w:numPr/></w:pPr><w:r><w:t>第二条</w:t><w:br/><w:t>&#20057;&lt;x&gt;</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '</w:body></w:document>';
    expect(documentText(xml)).toBe('第一条\t甲 & 乙\n\n第二条\n乙<x>\n表格');
  });

  it('answers null for bytes that are not a Word document', () => {
    expect(docxText(Buffer.from('第一条 甲'))).toBeNull();
    expect(docxText(Buffer.alloc(0))).toBeNull();
  });
});
