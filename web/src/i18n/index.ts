import { registerMessages, translate, type Locale, type MessageKey } from '@lianxin/common';
import { en } from './en';
import { zhCN, type WebMessageKey } from './zh-CN';

registerMessages('zh-CN', zhCN);
registerMessages('en', en);

/** Every key the web may translate: the shared ones plus the web's own. */
export type TKey = MessageKey | WebMessageKey;
export type TParams = Record<string, string | number>;
export type TFunction = (key: TKey, params?: TParams) => string;

export { zhCN as webZhCN, en as webEn };

/** Translate a key built at run time (`auditAction.<x>`); undefined when no message exists. */
export function translateOptional(
  locale: Locale,
  key: string,
  params?: TParams,
): string | undefined {
  const text = translate(locale, key, params);
  return text === key ? undefined : text;
}

/** An audit action as people read it, else its raw code name. */
export function auditActionLabel(locale: Locale, action: string): string {
  return translateOptional(locale, `auditAction.${action}`) ?? action;
}
