// The catalog module's only door: spec grids, bulk price arithmetic and the listing-quality check.
export { type SpecDimension, type SpecValues, dimensionsProblem, expandCombinations, firstDuplicate, specKeyOf, specValuesProblem } from './spec-combinations.ts';
export { type PriceChange, applyPriceChange, roundToNinety } from './bulk-price.ts';
export { isWide, titleWidth } from './title-width.ts';
export { BANNED_WORDS, findBannedWords, type BannedWord } from './banned-words.ts';
export { QUALITY_RULES, checkListingQuality, repeatedKeywords, type ListingInput, type QualityFinding, type Severity } from './check-listing-quality.ts';
export { extendDimensions, planSkus, type PlannedSku, type SkuDraft, type SkuPlanInput, type SkuPlanProblem } from './plan-skus.ts';
export { IMPORT_COLUMNS, IMPORT_FIELDS, columnHeader, exportHeader, mapImportHeader, type HeaderMapping, type ImportColumn, type ImportField } from './import-columns.ts';
export { IMPORT_PROBLEM_CODES, rowProblem, type ImportMessage, type ImportProblemCode, type RowProblem } from './import-problems.ts';
export { IMPORT_LIMITS, fenToYuan, formatSpecText, parseImportRow, parseSpecText, yuanToFen, type ImportRow, type ImportSkuStatus, type ParsedRow } from './parse-import-row.ts';
export { guardFormula, unguardFormula } from './formula-guard.ts';
export { formatExportRow, type ExportSku } from './format-export-row.ts';
export { LIFECYCLE_RULE, suggestLifecycle, type LifecycleInput, type LifecycleReason, type LifecycleStage, type LifecycleSuggestion } from './suggest-lifecycle.ts';
