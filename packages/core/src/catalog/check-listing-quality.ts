import { BANNED_WORDS, findBannedWords, type BannedWord } from './banned-words.ts';
import type { SpecDimension, SpecValues } from './spec-combinations.ts';
import { titleWidth, widthBefore } from './title-width.ts';

// The listing-quality check (seed 000's guidance for 商品运营): what an operator should fix before
// or after publishing. Pure: the product and its category's required specs come in as data.

export type Severity = 'error' | 'warning' | 'info';

export interface QualityFinding {
  code: string;
  severity: Severity;
  message: { 'zh-CN': string; 'en-US': string };
  /** What the finding is about: a word, a SKU code, a count. */
  details?: Record<string, unknown>;
}

export interface ListingInput {
  title: string;
  subtitle: string;
  mainKeyword: string | null;
  tags: readonly string[];
  imageUrls: readonly string[];
  description: string;
  specDimensions: readonly SpecDimension[];
  /** Spec names the product's category requires (颜色, 尺码 …). */
  requiredSpecs: readonly string[];
  skus: readonly { code: string; specValues: SpecValues; priceFen: number; costFen: number }[];
}

export const QUALITY_RULES = {
  maxTitleWidth: 60,
  /** The main keyword should start within the first this-many width units of the title. */
  keywordFrontWidth: 20,
  minImages: 5,
  maxImages: 7,
} as const;

const TOKEN_SPLIT = /[\s,，、/|｜;；:：!！?？()（）【】[\]{}《》<>"'“”‘’+*&#~·.。-]+/u;
const CJK_RUN = /[\u4e00-\u9fff]{4,}/gu;

function finding(code: string, severity: Severity, zh: string, en: string, details?: Record<string, unknown>): QualityFinding {
  return { code, severity, message: { 'zh-CN': zh, 'en-US': en }, ...(details ? { details } : {}) };
}

function occurrences(text: string, word: string): number {
  if (!word) return 0;
  return text.toLowerCase().split(word.toLowerCase()).length - 1;
}

/** Words repeated in the title: tokens, tags and the keyword used twice or more, or a Chinese word of 2–4 characters used three times or more. */
export function repeatedKeywords(title: string, candidates: readonly string[]): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  const tokens = title.split(TOKEN_SPLIT).filter((t) => [...t].length >= 2);
  for (const word of [...tokens, ...candidates.filter((c) => [...c].length >= 2)]) {
    if (seen.has(word.toLowerCase())) continue;
    seen.add(word.toLowerCase());
    if (occurrences(title, word) >= 2) out.add(word);
  }
  for (const run of title.match(CJK_RUN) ?? []) {
    for (let len = 4; len >= 2; len--) {
      for (let i = 0; i + len <= run.length; i++) {
        const word = run.slice(i, i + len);
        if (occurrences(title, word) >= 3 && ![...out].some((w) => w.includes(word))) out.add(word);
      }
    }
  }
  return [...out];
}

function bannedFindings(fields: Record<'title' | 'subtitle' | 'description', string>, words: readonly BannedWord[]): QualityFinding[] {
  const out: QualityFinding[] = [];
  for (const [field, text] of Object.entries(fields)) {
    const hits = findBannedWords(text, words).map((w) => w.word);
    if (hits.length > 0) {
      out.push(
        finding('banned_word', 'error', `${field === 'title' ? '标题' : field === 'subtitle' ? '副标题' : '详情'}含广告法禁用词：${hits.join('、')}`, `The ${field} uses words the Advertising Law bans: ${hits.join(', ')}`, {
          field,
          words: hits,
        }),
      );
    }
  }
  return out;
}

/**
 * Checks a listing against the platforms' and the Advertising Law's rules. Returns the findings,
 * errors first; an empty list means nothing to fix.
 */
export function checkListingQuality(p: ListingInput, bannedWords: readonly BannedWord[] = BANNED_WORDS): QualityFinding[] {
  const out: QualityFinding[] = [];
  const width = titleWidth(p.title);
  if (width > QUALITY_RULES.maxTitleWidth) {
    out.push(finding('title_too_long', 'error', `标题 ${width} 字符，超过 60 字符（汉字计 2）`, `The title is ${width} characters wide, over 60 (a CJK character counts as 2)`, { width }));
  }
  const keyword = p.mainKeyword?.trim();
  if (!keyword) {
    out.push(finding('main_keyword_missing', 'info', '未设置主关键词', 'No main keyword is set'));
  } else {
    const at = p.title.toLowerCase().indexOf(keyword.toLowerCase());
    if (at < 0) out.push(finding('keyword_not_in_title', 'warning', `标题中没有主关键词「${keyword}」`, `The title does not contain the main keyword "${keyword}"`, { keyword }));
    else if (widthBefore(p.title, at) > QUALITY_RULES.keywordFrontWidth) {
      out.push(finding('keyword_not_near_front', 'warning', `主关键词「${keyword}」应靠前`, `Move the main keyword "${keyword}" to the front of the title`, { keyword, position: widthBefore(p.title, at) }));
    }
  }
  const repeated = repeatedKeywords(p.title, [...p.tags, ...(keyword ? [keyword] : [])]);
  if (repeated.length > 0) {
    out.push(finding('keyword_stuffing', 'warning', `标题重复堆砌关键词：${repeated.join('、')}`, `The title repeats keywords: ${repeated.join(', ')}`, { words: repeated }));
  }
  out.push(...bannedFindings({ title: p.title, subtitle: p.subtitle, description: p.description }, bannedWords));
  const images = p.imageUrls.length;
  if (images < QUALITY_RULES.minImages) {
    out.push(finding('images_too_few', 'warning', `主图 ${images} 张，建议 5–7 张`, `${images} images; 5–7 are recommended`, { count: images }));
  } else if (images > QUALITY_RULES.maxImages) {
    out.push(finding('images_too_many', 'info', `主图 ${images} 张，平台只展示前 5–7 张`, `${images} images; platforms show 5–7`, { count: images }));
  }
  for (const spec of p.requiredSpecs) {
    const dimension = p.specDimensions.find((d) => d.name === spec);
    const unfilled = p.skus.filter((s) => !s.specValues[spec]?.trim()).map((s) => s.code);
    if (!dimension || dimension.values.length === 0 || unfilled.length > 0) {
      out.push(finding('required_spec_missing', 'error', `类目要求的规格「${spec}」未填写`, `The category requires spec "${spec}"`, { spec, skuCodes: unfilled }));
    }
  }
  if (!p.description.trim()) out.push(finding('description_missing', 'warning', '缺少商品详情', 'The description is empty'));
  if (p.skus.length === 0) out.push(finding('no_skus', 'error', '商品没有 SKU', 'The product has no SKUs'));
  for (const s of p.skus.filter((x) => x.priceFen < x.costFen)) {
    out.push(finding('price_below_cost', 'error', `SKU ${s.code} 售价低于成本`, `SKU ${s.code} is priced below cost`, { skuCode: s.code, priceFen: s.priceFen, costFen: s.costFen }));
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
