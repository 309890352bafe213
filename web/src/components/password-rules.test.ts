import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword } from './password-rules';

describe('password rules', () => {
  it('counts character classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('abcDEF12')).toBe(3);
    expect(characterClasses('aB3!')).toBe(4);
    expect(characterClasses('密码密码Ab1')).toBe(4); // Chinese characters count as symbols, as on the server
  });

  it('needs 8 to 64 characters and three classes', () => {
    expect(checkPassword('Ab1!')).toEqual({ length: false, classes: true });
    expect(checkPassword('abcdefgh')).toEqual({ length: true, classes: false });
    expect(checkPassword('Lianxin-2026')).toEqual({ length: true, classes: true });
    expect(checkPassword(`Aa1${'x'.repeat(62)}`).length).toBe(false);
  });

  it('counts by code point, as the server does', () => {
    expect(checkPassword('😀😀😀😀Ab1').length).toBe(false); // 7 code points, 11 UTF-16 units
  });
});
