/**
 * A coarse device label ("Chrome · Android") for the session list. The full user agent is
 * never stored: it identifies people, and anonymity depends on storing less.
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /MicroMessenger/i.test(ua)
    ? '微信'
    : /wxwork/i.test(ua)
      ? '企业微信'
      : /DingTalk/i.test(ua)
        ? '钉钉'
        : /Edg\//.test(ua)
          ? 'Edge'
          : /Firefox\//.test(ua)
            ? 'Firefox'
            : /Chrom(e|ium)\//.test(ua)
              ? 'Chrome'
              : /Safari\//.test(ua)
                ? 'Safari'
                : ua
                  ? 'Other'
                  : 'Unknown';
  const os = /Android/i.test(ua)
    ? 'Android'
    : /iPhone|iPad|iOS/i.test(ua)
      ? 'iOS'
      : /HarmonyOS/i.test(ua)
        ? 'HarmonyOS'
        : /Windows/i.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/i.test(ua)
            ? 'macOS'
            : /Linux/i.test(ua)
              ? 'Linux'
              : '';
  return os ? `${browser} · ${os}` : browser;
}
