import type { Role } from '@lianxin/common';
import type { Actor } from '../../core/actor.js';
import { addDays, todayInShanghai } from '../../core/calendar/working-days.js';
import type { Database } from '../../db/database.js';
import * as commands from './commands.js';

export const DEMO_TITLE = '2026 年度绩效考核办法（征求意见稿）';

export const DEMO_DRAFT = `${DEMO_TITLE}

为建立科学合理的绩效考核体系，充分调动全院职工的积极性，结合我院实际，制定本办法。

第一章\u3000总则
第一条\u3000本办法适用于全院在岗职工，包括在编人员和合同制人员。
第二条\u3000绩效考核坚持公开、公平、公正的原则，以岗位职责和工作实绩为主要依据。
第二章\u3000考核内容
第三条\u3000考核内容包括工作数量、工作质量、医德医风和患者满意度四个方面，权重分别为30%、40%、15%、15%。
第四条\u3000考核实行月度考核与年度考核相结合，年度考核结果取月度考核的平均分。
第三章\u3000结果运用
第五条\u3000考核结果分为优秀、合格、基本合格、不合格四个等次，优秀比例不超过本科室人数的20%。
第六条\u3000本办法自2026年1月1日起施行，由人事科负责解释。`;

const COMMENTS: Array<[number, string, 'agree' | 'disagree']> = [
  [3, '夜班和节假日值班的工作量应单独计算，否则急诊科的工作数量被低估。', 'disagree'],
  [5, '优秀比例按科室人数计算，小科室（不足5人）一年也评不上一个优秀，建议全院统筹。', 'disagree'],
  [4, '建议公布每月考核得分明细，方便职工核对。', 'agree'],
];

async function actorsByRole(database: Database, unitId: number, role: Role, limit: number) {
  const rows = await database.db
    .selectFrom('accounts')
    .innerJoin('people', 'people.id', 'accounts.person_id')
    .innerJoin('role_assignments', 'role_assignments.account_id', 'accounts.id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'people.id as person_id',
      'people.department_id',
    ])
    .where('accounts.unit_id', '=', unitId)
    .where('role_assignments.role', '=', role)
    .orderBy('accounts.id')
    .limit(limit)
    .execute();
  const actors: Actor[] = [];
  for (const r of rows) {
    const roles = await database.db
      .selectFrom('role_assignments')
      .select('role')
      .where('account_id', '=', r.id)
      .execute();
    actors.push({
      accountId: r.id,
      unitId,
      personId: r.person_id,
      username: r.username,
      name: r.display_name,
      roles: roles.map((x) => x.role as Role),
      departmentId: r.department_id,
      sessionId: null,
    });
  }
  return actors;
}

/** The demo unit's open consultation: a 绩效考核办法 with six articles and a few comments. */
export async function seedConsultationsDemo(database: Database, unitId: number): Promise<void> {
  const [office] = await actorsByRole(database, unitId, 'office', 1);
  if (!office || office.departmentId === null) return;
  const today = todayInShanghai();
  const id = await commands.create(
    { database, actor: office },
    {
      title: DEMO_TITLE,
      draftingDepartmentId: office.departmentId,
      text: DEMO_DRAFT,
      audience: 'unit',
      departmentIds: [],
      opensOn: today,
      closesOn: addDays(today, 14),
    },
  );
  const sections = await database.db
    .selectFrom('consultation_sections')
    .select(['id', 'seq'])
    .where('consultation_id', '=', id)
    .execute();
  const bySeq = new Map(sections.map((s) => [s.seq, s.id]));
  const staff = (await actorsByRole(database, unitId, 'staff', 40)).filter(
    (a) => a.roles.length === 1,
  );
  for (const [i, [article, body, stance]] of COMMENTS.entries()) {
    const who = staff[i * 7];
    // seq 1 is the preamble: 第N条 is seq N + 1.
    const sectionId = bySeq.get(article + 1);
    if (!who || !sectionId) continue;
    await commands.comment({ database, actor: who }, id, sectionId, body);
    await commands.setStance({ database, actor: who }, id, sectionId, stance);
  }
  for (const [j, who] of staff.slice(0, 12).entries()) {
    const sectionId = bySeq.get(2 + (j % 6));
    if (sectionId) {
      await commands.setStance(
        { database, actor: who },
        id,
        sectionId,
        j % 4 === 0 ? 'disagree' : 'agree',
      );
    }
  }
}
