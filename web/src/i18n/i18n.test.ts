import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  IMPORT_ROW_PROBLEMS,
  ROLES,
  POLITICAL_STATUSES,
  translate,
} from '@lianxin/common';
import { auditActionLabel, translateOptional, webEn, webZhCN } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web messages', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(webEn).sort()).toEqual(Object.keys(webZhCN).sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, zh] of Object.entries(webZhCN)) {
      const en = webEn[key as keyof typeof webZhCN];
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('are registered with the shared translate()', () => {
    expect(translate('zh-CN', 'login.submit')).toBe('登录');
    expect(translate('en', 'login.submit')).toBe('Sign in');
    expect(translate('en', 'home.welcome', { name: 'Wang' })).toBe('Welcome, Wang');
  });

  it('name every error code, import problem, role and political status in both languages', () => {
    const keys = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      'error.NETWORK',
      ...IMPORT_ROW_PROBLEMS.map((p) => `importProblem.${p}`),
      ...ROLES.map((r) => `role.${r}`),
      ...POLITICAL_STATUSES.map((s) => `political.${s}`),
    ];
    for (const key of keys) {
      expect(translateOptional('zh-CN', key), key).toBeDefined();
      expect(translateOptional('en', key), key).toBeDefined();
    }
  });

  it('label the audit actions of the foundation, and fall back to the raw name', () => {
    const actions = [
      'auth.login',
      'auth.login_failed',
      'auth.login_locked',
      'auth.logout',
      'auth.password_changed',
      'auth.session_ended',
      'account.password_reset',
      'account.unlocked',
      'account.created',
      'account.role_changed',
      'department.created',
      'department.updated',
      'person.created',
      'person.updated',
      'person.roles_changed',
      'roster.imported',
      'unit.created',
      'setup.completed',
    ];
    for (const action of actions) {
      expect(auditActionLabel('zh-CN', action), action).not.toBe(action);
      expect(auditActionLabel('en', action), action).not.toBe(action);
    }
    expect(auditActionLabel('zh-CN', 'opinion.dispatched')).toBe('opinion.dispatched');
  });
});
