export { maskEmail, maskName, maskPersonalData, maskPhone, maskBirthday, normalizePhone, type PersonalData } from './contact.ts';
export { assignTier, DEFAULT_TIER_THRESHOLDS, MEMBER_TIERS, tierForSpend, type MemberTier, type TierThresholds } from './assign-tier.ts';
export {
  compileSegmentRule,
  LIFECYCLE_BANDS,
  LIFECYCLE_STAGES,
  matchesSegment,
  segmentConditionSchema,
  segmentRuleSchema,
  type LifecycleStage,
  type SegmentCondition,
  type SegmentFacts,
  type SegmentNode,
  type SegmentRule,
} from './segment-rule.ts';
