// The money module's only door: Money values, the single proportional `allocate`, and basis-point
// helpers with explicit rounding.
export type { Money } from './money.ts';
export { DEFAULT_CURRENCY, addMoney, formatYuan, isMinorUnits, money, multiplyAmount, subtractMoney, sumAmounts } from './money.ts';
export { allocate } from './allocate.ts';
export type { Rounding } from './basis-points.ts';
export {
  BASIS_POINTS_PER_UNIT,
  applyBasisPoints,
  discountedPrice,
  isBasisPoints,
  percentageDiscount,
  shareOf,
} from './basis-points.ts';
