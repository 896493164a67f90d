// The catalog module's only door: spec grids, bulk price arithmetic and the listing-quality check.
export { type SpecDimension, type SpecValues, dimensionsProblem, expandCombinations, firstDuplicate, specKeyOf, specValuesProblem } from './spec-combinations.ts';
export { type PriceChange, applyPriceChange, roundToNinety } from './bulk-price.ts';
export { isWide, titleWidth } from './title-width.ts';
export { BANNED_WORDS, findBannedWords, type BannedWord } from './banned-words.ts';
export { QUALITY_RULES, checkListingQuality, repeatedKeywords, type ListingInput, type QualityFinding, type Severity } from './check-listing-quality.ts';
export { extendDimensions, planSkus, type PlannedSku, type SkuDraft, type SkuPlanInput, type SkuPlanProblem } from './plan-skus.ts';
export { LIFECYCLE_RULE, suggestLifecycle, type LifecycleInput, type LifecycleReason, type LifecycleStage, type LifecycleSuggestion } from './suggest-lifecycle.ts';
