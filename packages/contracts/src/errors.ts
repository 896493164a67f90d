/**
 * The error registry: every stable error code the API can answer with, its HTTP status and its
 * title in both console languages. Codes are never reused or renamed; docs/errors.md is generated
 * from this table and a test fails when the two differ.
 */
export const ERRORS = {
  validation_failed: { status: 400, en: 'The request is not valid', zh: '请求参数不合法' },
  malformed_request: { status: 400, en: 'The request could not be read', zh: '无法解析请求' },
  invalid_cursor: { status: 400, en: 'The page cursor is not valid', zh: '分页游标无效' },
  import_unreadable: { status: 400, en: 'The file could not be read as CSV or XLSX', zh: '无法将文件读取为 CSV 或 XLSX' },
  unauthenticated: { status: 401, en: 'Sign in first', zh: '请先登录' },
  invalid_credentials: { status: 401, en: 'Email or password is wrong', zh: '邮箱或密码错误' },
  forbidden: { status: 403, en: 'Your role does not allow this', zh: '您的角色无此权限' },
  csrf_failed: { status: 403, en: 'The CSRF token is missing or wrong', zh: 'CSRF 令牌缺失或错误' },
  no_tenant: { status: 403, en: 'Choose a shop first', zh: '请先选择店铺' },
  role_not_grantable: { status: 403, en: 'You cannot grant this role', zh: '您无法授予该角色' },
  token_requires_session: { status: 403, en: 'Sign in with a password to manage API tokens', zh: '请使用密码登录后管理 API 令牌' },
  not_found: { status: 404, en: 'Not found', zh: '未找到' },
  method_not_allowed: { status: 405, en: 'Method not allowed', zh: '不支持该请求方法' },
  email_taken: { status: 409, en: 'That email already belongs to an account', zh: '该邮箱已被使用' },
  already_member: { status: 409, en: 'That person is already a member of this shop', zh: '该用户已是本店成员' },
  last_owner: { status: 409, en: 'A shop needs at least one owner', zh: '店铺至少需要一位店主' },
  channel_code_taken: { status: 409, en: 'A channel with that code exists', zh: '渠道编码已存在' },
  sku_code_taken: { status: 409, en: 'A SKU with that code exists', zh: 'SKU 编码已存在' },
  spec_combination_duplicate: { status: 409, en: 'Two SKUs of the product have the same spec combination', zh: '同一商品存在重复的规格组合' },
  sku_has_stock: { status: 409, en: 'The SKU still has stock; archive it instead', zh: 'SKU 仍有库存，请改为归档' },
  product_not_publishable: { status: 409, en: 'The product cannot be put on sale in its current state', zh: '商品当前状态不可上架' },
  category_cycle: { status: 409, en: 'A category cannot sit under itself or its descendants', zh: '类目不能移到自身或其子类目下' },
  category_in_use: { status: 409, en: 'The category still has subcategories or products', zh: '类目下仍有子类目或商品' },
  brand_in_use: { status: 409, en: 'Products still use this brand', zh: '仍有商品使用该品牌' },
  warehouse_code_taken: { status: 409, en: 'A warehouse with that code exists', zh: '仓库编码已存在' },
  warehouse_has_stock: { status: 409, en: 'The warehouse still holds stock', zh: '仓库仍有库存' },
  insufficient_stock: { status: 409, en: 'Not enough stock available', zh: '可用库存不足' },
  reservation_not_held: { status: 409, en: 'The reservation is no longer held', zh: '该库存占用已释放或已转为销售' },
  stocktake_closed: { status: 409, en: 'The stocktake is already posted or cancelled', zh: '盘点单已过账或已取消' },
  supplier_code_taken: { status: 409, en: 'A supplier with that code exists', zh: '供应商编码已存在' },
  over_receipt: { status: 409, en: 'More would be received than the purchase order lists', zh: '收货数量超过采购数量' },
  idempotency_key_in_flight: { status: 409, en: 'A request with this Idempotency-Key is still running', zh: '相同幂等键的请求仍在处理中' },
  promotion_conflict: { status: 409, en: 'The promotion conflicts with a promotion in force', zh: '促销与进行中的促销冲突' },
  promotion_ended: { status: 409, en: 'The promotion has ended and cannot change', zh: '促销已结束，无法修改' },
  invalid_status_transition: { status: 409, en: 'That status change is not allowed', zh: '不允许的状态变更' },
  coupon_batch_not_active: { status: 409, en: 'Coupons of this batch cannot be claimed now', zh: '该批次优惠券当前不可领取' },
  coupon_sold_out: { status: 409, en: 'All coupons of this batch have been claimed', zh: '优惠券已领完' },
  coupon_claim_limit_reached: { status: 409, en: 'The customer has claimed as many of these coupons as allowed', zh: '已达到每人限领数量' },
  coupon_already_used: { status: 409, en: 'The coupon has already been used', zh: '优惠券已被使用' },
  coupon_expired: { status: 409, en: 'The coupon has expired', zh: '优惠券已过期' },
  coupon_not_yet_valid: { status: 409, en: 'The coupon is not valid yet', zh: '优惠券尚未生效' },
  coupon_revoked: { status: 409, en: 'The coupon has been revoked', zh: '优惠券已作废' },
  coupon_not_used_by_order: { status: 409, en: 'The coupon was not used by that order', zh: '该优惠券并非由此订单使用' },
  coupon_order_has_batch: { status: 409, en: 'The order already uses a coupon of this batch', zh: '该订单已使用同批次优惠券' },
  promotion_not_active: { status: 409, en: 'The promotion is not in force', zh: '促销未生效' },
  promotion_sold_out: { status: 409, en: 'The promotion’s stock is used up', zh: '活动库存已用完' },
  promotion_limit_reached: { status: 409, en: 'The customer has reached the promotion’s limit', zh: '已达到该活动每人限购数量' },
  shipping_template_name_taken: { status: 409, en: 'A shipping template with that name exists', zh: '运费模板名称已存在' },
  shipping_channel_has_template: { status: 409, en: 'The channel already uses another shipping template', zh: '该渠道已使用其他运费模板' },
  sku_archived: { status: 409, en: 'The SKU or its product is archived', zh: 'SKU 或其商品已归档' },
  supplier_archived: { status: 409, en: 'The supplier is archived', zh: '供应商已归档' },
  channel_not_active: { status: 409, en: 'The channel is archived or disabled', zh: '渠道已归档或停用' },
  over_return: { status: 409, en: 'More would be returned to the supplier than was accepted', zh: '退供数量超过已入库数量' },
  customer_ref_taken: { status: 409, en: 'A customer with that customerRef exists', zh: '该客户编号已存在' },
  segment_name_taken: { status: 409, en: 'A segment with that name exists', zh: '人群名称已存在' },
  insufficient_points: { status: 409, en: 'The customer’s points balance is too low', zh: '积分余额不足' },
  payload_too_large: { status: 413, en: 'The request body is too large', zh: '请求体过大' },
  unsupported_media_type: { status: 415, en: 'Send JSON (Content-Type: application/json)', zh: '请以 JSON 格式发送（Content-Type: application/json）' },
  idempotency_key_reused: { status: 422, en: 'This Idempotency-Key was used for a different request', zh: '该幂等键已用于另一个请求' },
  price_below_cost: { status: 422, en: 'The price is below cost; confirm with allowBelowCost', zh: '售价低于成本价，如确认请设置 allowBelowCost' },
  spec_values_invalid: { status: 422, en: 'The spec values do not match the product’s spec dimensions', zh: '规格值与商品规格维度不符' },
  unknown_region: { status: 422, en: 'The destination names no province; use a name such as 广东 or a GB/T 2260 code such as 44', zh: '目的地无法识别为省份，请使用“广东”等名称或“44”等行政区划代码' },
  sku_not_on_order: { status: 422, en: 'The SKU is not on this purchase order', zh: '该 SKU 不在此采购单中' },
  promotion_invalid: { status: 422, en: 'The promotion configuration is contradictory or incomplete', zh: '促销配置存在矛盾或不完整' },
  cart_invalid: { status: 422, en: 'The cart is not valid', zh: '购物车不合法' },
  unknown_sku: { status: 422, en: 'A SKU of the cart is not in this shop’s catalog', zh: '购物车中的 SKU 不在本店商品库中' },
  coupon_not_held: { status: 422, en: 'The customer does not hold that coupon', zh: '该顾客未持有此优惠券' },
  shipping_template_invalid: { status: 422, en: 'The shipping template is contradictory or incomplete', zh: '运费模板配置存在矛盾或不完整' },
  shipping_template_ambiguous: { status: 422, en: 'The cart’s channels use different shipping templates; quote one channel at a time', zh: '购物车中的渠道使用不同的运费模板，请按渠道分别试算' },
  sku_not_supplied: { status: 422, en: 'The supplier does not supply this SKU; give a unit cost or add it to the supplier’s SKUs', zh: '该供应商未供应此 SKU，请填写采购单价或先添加供应商商品' },
  below_moq: { status: 422, en: 'The quantity is below the supplier’s minimum order quantity; confirm with allowBelowMoq', zh: '采购数量低于供应商起订量，如确认请设置 allowBelowMoq' },
  import_missing_columns: { status: 422, en: 'The file lacks required columns of the import template', zh: '文件缺少导入模板的必填列' },
  import_rejected: { status: 422, en: 'Some rows are invalid; nothing was imported', zh: '部分行不合法，未导入任何数据' },
  account_locked: { status: 423, en: 'Too many failed sign-ins; the account is locked for a while', zh: '登录失败次数过多，账户已暂时锁定' },
  too_many_requests: { status: 429, en: 'Too many requests; slow down', zh: '请求过于频繁，请稍后再试' },
  header_too_large: { status: 431, en: 'The request headers are too large', zh: '请求头过大' },
  internal_error: { status: 500, en: 'Something went wrong on our side', zh: '服务器内部错误' },
  service_unavailable: { status: 503, en: 'The service is starting or stopping; try again shortly', zh: '服务正在启动或停止，请稍后重试' },
} as const satisfies Record<string, { status: number; en: string; zh: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export type Locale = 'zh-CN' | 'en-US';

/** The problem `type` URI for a code. */
export function problemType(code: ErrorCode): string {
  return `urn:yunying:problem:${code}`;
}

/** The title of a code in a locale. */
export function problemTitle(code: ErrorCode, locale: Locale): string {
  const entry = ERRORS[code];
  return locale === 'zh-CN' ? entry.zh : entry.en;
}
