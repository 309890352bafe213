/** The password rules the server enforces (MLPS), checked as the person types. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

/** How many of lower case, upper case, digits and symbols the password uses. */
export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

export interface PasswordChecks {
  /** 8 to 64 characters (counted as the server counts: by code point). */
  length: boolean;
  /** At least three character classes. */
  classes: boolean;
}

/**
 * What can be checked in the browser. Common passwords and the last three passwords are
 * checked by the server only (the list and the history stay there).
 */
export function checkPassword(password: string): PasswordChecks {
  const n = [...password].length;
  return {
    length: n >= PASSWORD_MIN && n <= PASSWORD_MAX,
    classes: characterClasses(password) >= 3,
  };
}
