// The lab's language: --lang wins, else LANG/LC_ALL (zh_* → Chinese), else English.
export type Lang = 'en' | 'zh';

export function detectLang(env: Record<string, string | undefined> = process.env): Lang {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return v.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
