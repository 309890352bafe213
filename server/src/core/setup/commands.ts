import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { appendAudit } from '../audit/repository.js';
import { sha256 } from '../auth/repository.js';
import { hashPassword } from '../auth/passwords.js';
import { checkPasswordStrength } from '../auth/password-policy.js';
import { actorLabel } from '../actor.js';
import { AppError } from '../errors.js';
import * as org from '../org/repository.js';

/** A fresh one-time set-up token; earlier unused ones stop working. */
export async function issueSetupToken(database: Database): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  await database.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('used_at', 'is', null)
      .execute();
    await tx
      .insertInto('setup_tokens')
      .values({ token_hash: sha256(token), created_at: now, used_at: null })
      .execute();
  });
  return token;
}

export async function setupNeeded(database: Database): Promise<boolean> {
  return (await org.unitCount(database.db)) === 0;
}

export interface SetupInput {
  token: string;
  unitName: string;
  unitCode: string;
  username: string;
  name: string;
  password: string;
}

/**
 * First run without the demo: the holder of the printed link creates the unit and its first
 * system administrator, whose password follows the full rules.
 */
export async function completeSetup(database: Database, input: SetupInput) {
  const weak = checkPasswordStrength(input.password, input.username);
  if (weak) throw new AppError(weak);
  const hash = await hashPassword(input.password);
  await database.db.transaction().execute(async (tx) => {
    if ((await org.unitCount(tx)) > 0) throw new AppError('SETUP_NOT_AVAILABLE');
    const now = new Date().toISOString();
    const used = await tx
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', sha256(input.token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('SETUP_TOKEN_INVALID');
    const unitId = await org.insertUnit(tx, { code: input.unitCode, name: input.unitName, now });
    const accountId = await org.insertAccount(tx, {
      unitId,
      personId: null,
      username: input.username,
      displayName: input.name,
      passwordHash: hash,
      mustChange: false,
      now,
    });
    await org.replaceRoles(tx, unitId, accountId, ['system_admin'], now);
    await appendAudit(tx, database.kind, {
      unitId,
      actorAccountId: accountId,
      actorLabel: actorLabel({ name: input.name, username: input.username }),
      action: 'setup.completed',
      targetType: 'unit',
      targetId: unitId,
      detail: { unitCode: input.unitCode },
    });
  });
}
