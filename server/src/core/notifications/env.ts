/**
 * The environment's SMTP, used by units without their own settings. Secrets belong here rather
 * than in the database: `LIANXIN_SMTP_URL=smtps://user:pass@mail.example.cn:465`.
 */
export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    smtpUrl: env.LIANXIN_SMTP_URL || undefined,
    smtpFrom: env.LIANXIN_SMTP_FROM || 'lianxin@localhost',
  };
}
