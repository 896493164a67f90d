// Words the Advertising Law of the PRC (广告法, art. 9 item 3: no "国家级", "最高级", "最佳" and the
// like; art. 28 on false claims) forbids in product copy, as the platforms enforce them. Kept as
// data so operations can extend the list without touching the check.

export interface BannedWord {
  word: string;
  /** Why it is banned: superlative, first, authority, absolute claim. */
  kind: 'superlative' | 'first' | 'authority' | 'absolute';
}

export const BANNED_WORDS: readonly BannedWord[] = [
  { word: '最', kind: 'superlative' },
  { word: '最佳', kind: 'superlative' },
  { word: '最好', kind: 'superlative' },
  { word: '最高', kind: 'superlative' },
  { word: '最低', kind: 'superlative' },
  { word: '顶级', kind: 'superlative' },
  { word: '极品', kind: 'superlative' },
  { word: '极致', kind: 'superlative' },
  { word: '顶尖', kind: 'superlative' },
  { word: '至尊', kind: 'superlative' },
  { word: '完美', kind: 'superlative' },
  { word: '第一', kind: 'first' },
  { word: '首个', kind: 'first' },
  { word: '首家', kind: 'first' },
  { word: '首选', kind: 'first' },
  { word: '唯一', kind: 'first' },
  { word: '独一无二', kind: 'first' },
  { word: 'NO.1', kind: 'first' },
  { word: 'TOP1', kind: 'first' },
  { word: '国家级', kind: 'authority' },
  { word: '世界级', kind: 'authority' },
  { word: '全球级', kind: 'authority' },
  { word: '国家免检', kind: 'authority' },
  { word: '特供', kind: 'authority' },
  { word: '专供', kind: 'authority' },
  { word: '万能', kind: 'absolute' },
  { word: '100%', kind: 'absolute' },
  { word: '绝对', kind: 'absolute' },
  { word: '永久', kind: 'absolute' },
  { word: '根治', kind: 'absolute' },
];

/** The banned words found in `text` (case-insensitive for Latin), longest first, without a shorter word inside a longer hit. */
export function findBannedWords(text: string, words: readonly BannedWord[] = BANNED_WORDS): BannedWord[] {
  const hay = text.toUpperCase();
  const hits = words.filter((w) => hay.includes(w.word.toUpperCase())).sort((a, b) => b.word.length - a.word.length);
  return hits.filter((w, i) => !hits.slice(0, i).some((longer) => longer.word.includes(w.word) && countOf(hay, w.word) <= countOf(hay, longer.word)));
}

function countOf(hay: string, needle: string): number {
  return hay.split(needle.toUpperCase()).length - 1;
}
