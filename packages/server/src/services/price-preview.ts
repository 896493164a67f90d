// 价格试算: prices a cart at a time with the shop's active promotions and coupon batches and the
// customer's coupons, through the pure engine. Lines naming a catalog SKU (`sku_…`) get their list
// price, product, category, tags and weight from the catalog unless the line gives them, and an
// unknown catalog SKU is refused (`unknown_sku`). Lines with other ids are hypothetical ("what if
// we sold this at ¥X") and must carry their own unitPrice.
import { safePriceCart, validateCart, type HeldCoupon, type PricingResult, type ShippingConfig } from '@yunying/core/promotions';
import {
  countedUnits,
  findCoupons,
  findCustomerByRef,
  findProduct,
  findSkus,
  listActiveCouponBatches,
  listActivePromotions,
  listUsableCoupons,
  type CouponRecord,
  type DB,
  type Kysely,
  type ProductRecord,
  type PromotionRecord,
} from '@yunying/db';
import { engineCouponPromotion, enginePromotion } from './promotion-rules.ts';
import { limitsOf } from './promotion-usages.ts';
import { templateQuote } from './shipping-templates.ts';
import { fail, ok, type Result } from './result.ts';

export interface PreviewInput {
  at?: string | undefined;
  lines: unknown[];
  customer?: { customerRef?: string | undefined; tier?: string | undefined; isNewCustomer?: boolean | undefined; points?: number | undefined; couponIds?: string[] | undefined } | undefined;
  selectedCouponIds?: string[] | undefined;
  pointsToRedeem?: number | 'max' | undefined;
  shipping?: ShippingConfig | undefined;
  destinationRegion?: string | undefined;
  groupBuyJoin?: { promotionId: string } | undefined;
}

export interface PreviewOutput {
  at: Date;
  promotionsInForce: number;
  heldCouponIds: string[];
  /** The stored shipping template quoted with (none when the request gave rules, no destination, or the shop has none). */
  shippingTemplateId: string | null;
  customer: PricedCustomer;
  breakdown: PricingResult;
}

type Source = 'request' | 'customer' | 'default';

/** The customer facts the cart was priced with, and where each came from. */
export interface PricedCustomer {
  customerRef: string | null;
  known: boolean;
  tier: string;
  isNewCustomer: boolean;
  points: number;
  from: { tier: Source; isNewCustomer: Source; points: Source };
}

/**
 * Tier, points and new-customer status: what the request says wins; otherwise a known customer's
 * stored tier, points balance and "no orders yet"; otherwise regular, 0 and returning. A stored
 * figure is the customer's own, so any price difference it makes is still one of the named rules
 * (member price, points, new-customer coupon) the breakdown shows.
 */
async function pricedCustomer(db: Kysely<DB>, tenantId: string, c: PreviewInput['customer']): Promise<PricedCustomer> {
  const ref = c?.customerRef;
  const known = ref !== undefined ? await findCustomerByRef(db, tenantId, ref) : undefined;
  const pick = <T>(given: T | undefined, stored: T | undefined, fallback: T): [T, Source] =>
    given !== undefined ? [given, 'request'] : stored !== undefined ? [stored, 'customer'] : [fallback, 'default'];
  const [tier, tierFrom] = pick(c?.tier, known?.memberTier, 'regular');
  const [isNewCustomer, newFrom] = pick(c?.isNewCustomer, known ? known.ordersCount === 0 : undefined, false);
  const [points, pointsFrom] = pick(c?.points, known?.pointsBalance, 0);
  return {
    customerRef: ref ?? null,
    known: known !== undefined,
    tier,
    isNewCustomer,
    points,
    from: { tier: tierFrom, isNewCustomer: newFrom, points: pointsFrom },
  };
}

/** Fills the optional parts of a line (id, product, categories, tags) so callers can send only what they have. */
function withDefaults(line: unknown, i: number): unknown {
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return line;
  const l = line as Record<string, unknown>;
  return { lineId: `line-${i + 1}`, productId: l.skuId, categoryIds: [], tags: [], ...l };
}

async function heldCoupons(db: Kysely<DB>, tenantId: string, input: PreviewInput, at: Date): Promise<Result<CouponRecord[]>> {
  const c = input.customer;
  if (c?.couponIds !== undefined) {
    const ids = [...new Set(c.couponIds)];
    const found = await findCoupons(db, tenantId, ids);
    const held = found.filter((x) => x.status !== 'revoked' && (c.customerRef === undefined || x.customerRef === c.customerRef));
    const missing = ids.filter((id) => !held.some((x) => x.couponId === id));
    if (missing.length > 0) return fail('coupon_not_held', `Not held by this customer: ${missing.join(', ')}.`, { couponIds: missing });
    return ok(held);
  }
  if (c?.customerRef !== undefined) return ok(await listUsableCoupons(db, tenantId, c.customerRef, at));
  return ok([]);
}

/** A flash sale's promo stock as what is left after the orders counted against it. */
function withRemainingStock(p: PromotionRecord, used: Map<string, number>): PromotionRecord {
  const stock = limitsOf(p).promoStock;
  return stock === undefined ? p : { ...p, args: { ...p.args, promoStock: Math.max(0, stock - (used.get(p.promotionId) ?? 0)) } };
}

const CATALOG_SKU = /^sku_[0-9a-z]{26}$/;

/** Fills lines of catalog SKUs from the catalog; refuses catalog ids that name no SKU of the shop. */
async function fromCatalog(db: Kysely<DB>, tenantId: string, lines: unknown[]): Promise<Result<unknown[]>> {
  const record = (l: unknown) => (typeof l === 'object' && l !== null && !Array.isArray(l) ? (l as Record<string, unknown>) : undefined);
  const ids = [...new Set(lines.map((l) => record(l)?.skuId).filter((id): id is string => typeof id === 'string' && CATALOG_SKU.test(id)))];
  if (ids.length === 0) return ok(lines);
  const skus = new Map((await findSkus(db, tenantId, ids)).map((s) => [s.skuId, s]));
  const unknown = ids.filter((id) => !skus.has(id));
  if (unknown.length > 0) return fail('unknown_sku', `No SKU ${unknown.join(', ')} in this shop's catalog.`, { skuIds: unknown });
  const products = new Map<string, ProductRecord>();
  for (const productId of new Set([...skus.values()].map((s) => s.productId))) {
    const product = await findProduct(db, tenantId, productId);
    if (product) products.set(productId, product);
  }
  return ok(
    lines.map((line) => {
      const l = record(line);
      const sku = l && typeof l.skuId === 'string' ? skus.get(l.skuId) : undefined;
      if (!l || !sku) return line;
      const product = products.get(sku.productId);
      return {
        productId: sku.productId,
        unitPrice: sku.priceFen,
        weightGrams: sku.weightG,
        categoryIds: product?.categoryId ? [product.categoryId] : [],
        tags: product?.tags ?? [],
        ...l,
      };
    }),
  );
}

export async function previewPrices(db: Kysely<DB>, tenantId: string, input: PreviewInput, now = new Date()): Promise<Result<PreviewOutput>> {
  const at = input.at !== undefined ? new Date(input.at) : now;
  const filled = await fromCatalog(db, tenantId, input.lines);
  if (!filled.ok) return filled;
  const cart = validateCart(filled.value.map(withDefaults));
  if (!cart.ok) return fail('cart_invalid', cart.problems.map((p) => p.code).join(', '), { problems: cart.problems });
  const held = await heldCoupons(db, tenantId, input, at);
  if (!held.ok) return held;
  // Inline rules win; otherwise a destination quotes with the stored template (channel's, else default).
  let shipping = input.shipping;
  let template: { templateId: string; promotions: unknown[] } | null = null;
  if (shipping === undefined && input.destinationRegion !== undefined) {
    const quote = await templateQuote(db, tenantId, cart.lines, input.destinationRegion);
    if (!quote.ok) return quote;
    if (quote.value !== null) {
      shipping = quote.value.shipping;
      template = quote.value;
    }
  }
  const promotions = await listActivePromotions(db, tenantId, at);
  const batches = await listActiveCouponBatches(db, tenantId);
  const customer = await pricedCustomer(db, tenantId, input.customer);
  const limited = promotions.filter((p) => Object.keys(limitsOf(p)).length > 0).map((p) => p.promotionId);
  const used = await countedUnits(db, tenantId, limited);
  const mine = customer.customerRef !== null ? await countedUnits(db, tenantId, limited, customer.customerRef) : new Map<string, number>();
  const coupons: HeldCoupon[] = held.value.map((c) => ({ id: c.couponId, promotionId: c.batchId, claimedAt: c.claimedAt.getTime(), usedAt: c.usedAt?.getTime() ?? null }));
  const priced = safePriceCart({
    now: at.getTime(),
    lines: cart.lines,
    customer: {
      id: customer.customerRef ?? 'anonymous',
      tier: customer.tier,
      isNewCustomer: customer.isNewCustomer,
      pointsBalance: customer.points,
      coupons,
      promotionUsage: Object.fromEntries(mine),
    },
    promotions: [
      ...promotions.map((p) => enginePromotion(p.promotionId, withRemainingStock(p, used))),
      ...batches.map((b) => engineCouponPromotion(b.batchId, b)),
      ...(template?.promotions ?? []),
    ],
    ...(input.selectedCouponIds !== undefined ? { selectedCouponIds: input.selectedCouponIds } : {}),
    ...(input.pointsToRedeem !== undefined ? { pointsToRedeem: input.pointsToRedeem } : {}),
    ...(shipping !== undefined ? { shipping } : {}),
    ...(input.destinationRegion !== undefined ? { destinationRegion: input.destinationRegion } : {}),
    ...(input.groupBuyJoin !== undefined ? { groupBuyJoin: input.groupBuyJoin } : {}),
  });
  if (!priced.ok) return fail('cart_invalid', 'The pricing input is not valid.', { problems: priced.problems.map((p) => ({ code: 'invalid_input', ...p })) });
  return ok({ at, promotionsInForce: promotions.length + batches.length, heldCouponIds: coupons.map((c) => c.id), shippingTemplateId: template?.templateId ?? null, customer, breakdown: priced.result });
}
