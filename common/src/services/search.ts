/**
 * The search service's stable error codes and the messages of its screens and errors
 * (server and web), in both languages. Keys: `error.<CODE>` for errors, `search.*` otherwise.
 */
export const SEARCH_ERRORS = ['SEARCH_DOCUMENT_INVALID'] as const;

export const searchZhCN = {
  'menu.search': '搜索',
  'error.SEARCH_DOCUMENT_INVALID': '要编入搜索索引的内容不完整或格式不对。',
  'search.placeholder': '搜索意见、公示、问卷……',
  'search.button': '搜索',
  'search.open': '打开搜索',
  'search.allKinds': '全部',
  'search.kindFilter': '按类型筛选',
  'search.total': '共 {total} 条结果',
  'search.truncated': '搜索词太长，只用了前 {max} 个字。',
  'search.noTerms': '请输入要查找的字词（标点和空格不计）。',
  'search.start.title': '在本单位的内容里查找',
  'search.start.body':
    '输入关键词，可查找你有权看到的意见、公示、问卷等内容。简体、繁体都能找到，多个词之间用空格隔开。',
  'search.empty.title': '没有找到相关内容',
  'search.empty.body':
    '换个说法或少用几个词试试。只会显示你有权查看的内容；各项机制的内容会在办理时自动加入搜索。',
  'search.updatedAt': '更新于 {time}',
  // Names of record kinds in the kind filter. A module feeding another kind adds
  // `search.kind.<kind>` to its own messages; without one the kind shows as is.
  'search.kind.opinion': '意见',
  'search.kind.notice': '公示',
  'search.kind.survey': '问卷',
  'search.kind.motion': '提案',
} as const;

export const searchEn: Record<keyof typeof searchZhCN, string> = {
  'menu.search': 'Search',
  'error.SEARCH_DOCUMENT_INVALID': 'The content to index for search is incomplete or malformed.',
  'search.placeholder': 'Search opinions, notices, surveys…',
  'search.button': 'Search',
  'search.open': 'Open search',
  'search.allKinds': 'All',
  'search.kindFilter': 'Filter by kind',
  'search.total': '{total} results',
  'search.truncated': 'The search was too long; only its first {max} characters were used.',
  'search.noTerms': 'Type words to look for (punctuation and spaces do not count).',
  'search.start.title': "Search your unit's content",
  'search.start.body':
    'Type keywords to find the opinions, notices, surveys and other content you are allowed to see. Simplified and traditional characters both work; separate several words with spaces.',
  'search.empty.title': 'Nothing found',
  'search.empty.body':
    'Try other words or fewer of them. Only content you may see is shown; each mechanism adds its content to search as it is handled.',
  'search.updatedAt': 'Updated {time}',
  'search.kind.opinion': 'Opinions',
  'search.kind.notice': 'Notices',
  'search.kind.survey': 'Surveys',
  'search.kind.motion': 'Motions',
};
