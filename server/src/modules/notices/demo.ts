import type { Actor } from '../../core/actor.js';
import * as org from '../../core/org/repository.js';
import type { Database } from '../../db/database.js';
import { closeNotice, createNotice, review, submitForReview } from './commands.js';

/** Office members of the demo unit (server/src/core/demo/generator.ts): author and reviewer. */
const AUTHOR = '101002';
const REVIEWER = '101003';

async function actorFor(
  database: Database,
  unitId: number,
  username: string,
): Promise<Actor | null> {
  const account = await org.findAccountByUsername(database.db, unitId, username);
  if (!account || account.person_id === null) return null;
  const person = await org.getPerson(database.db, unitId, account.person_id);
  const roles = (await org.rolesByAccount(database.db, [account.id])).get(account.id) ?? [];
  return {
    accountId: account.id,
    unitId,
    personId: account.person_id,
    username,
    name: account.display_name,
    roles,
    departmentId: person?.department_id ?? null,
    sessionId: null,
  };
}

interface Sample {
  type: 'title' | 'hardship' | 'award';
  title: string;
  body: string;
  items: Array<{ name: string; detail: string }>;
}

const TITLE_NOTICE: Sample = {
  type: 'title',
  title: '2026 年度卫生系列高级职称评审推荐人选公示',
  body:
    '经个人申报、科室推荐、院评审委员会评议，现将 2026 年度卫生系列高级职称评审推荐人选予以公示。\n\n' +
    '公示期内，如对公示人选有异议，请通过本平台对具体人选实名提出，并说明理由、提供相关材料。',
  items: [
    { name: '王建国', detail: '心内科 · 拟推荐 主任医师' },
    { name: '李秀英', detail: '普外科 · 拟推荐 副主任医师' },
    { name: '陈思远', detail: '呼吸内科 · 拟推荐 副主任护师' },
  ],
};

const HARDSHIP_NOTICE: Sample = {
  type: 'hardship',
  title: '2026 年第四季度困难职工帮扶名单公示',
  body:
    '根据《困难职工帮扶办法》，经本人申请、工会审核，拟对以下职工给予帮扶。\n\n' +
    '为保护个人隐私，名单中的姓名已作部分隐去处理。',
  items: [
    { name: '赵丽华', detail: '家庭成员重病 · 帮扶 5000 元' },
    { name: '孙浩', detail: '遭遇自然灾害 · 帮扶 3000 元' },
  ],
};

const AWARD_NOTICE: Sample = {
  type: 'award',
  title: '2026 年度“优秀护士”评选结果公示',
  body: '经科室推荐、护理部评审，拟授予以下同志 2026 年度“优秀护士”称号。',
  items: [
    { name: '周晓燕', detail: '骨科 · 护士长' },
    { name: '吴敏', detail: '消化内科 · 主管护师' },
  ],
};

/**
 * The demo unit's notices: a title-evaluation notice with three candidates in its period, a
 * hardship-assistance one (sensitive: names masked), and an award notice whose period ended
 * three weeks ago, closed with its result. Each went through the four-eyes review.
 */
export async function seedNoticesDemo(database: Database, unitId: number): Promise<void> {
  const author = await actorFor(database, unitId, AUTHOR);
  const reviewer = await actorFor(database, unitId, REVIEWER);
  if (!author || !reviewer) return;
  const a = { database, actor: author };
  const r = { database, actor: reviewer };
  const publish = async (s: Sample, at: Date = new Date()) => {
    const id = await createNotice(a, {
      type: s.type,
      title: s.title,
      body: s.body,
      items: s.items,
      scope: { wholeUnit: true, departmentIds: [] },
      attachmentIds: [],
    });
    await submitForReview(a, id);
    await review(r, id, { approve: true, comment: '内容核对无误' }, at);
    return id;
  };
  const closed = await publish(AWARD_NOTICE, new Date(Date.now() - 21 * 24 * 3600_000));
  await closeNotice(a, closed, '公示期内未收到异议，评选结果生效。');
  await publish(HARDSHIP_NOTICE);
  await publish(TITLE_NOTICE);
}
