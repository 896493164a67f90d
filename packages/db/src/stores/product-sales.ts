import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { SALE_KIND, unitsSold } from './stock-movements.ts';

// Units sold (see unitsSold) per product in two adjacent windows: the figures behind the lifecycle
// suggestion.

export interface ProductSalesRow {
  productId: string;
  title: string;
  status: string;
  lifecycleStage: string;
  createdAt: Date;
  /** Units sold in (now − window, now]. */
  recentUnits: number;
  /** Units sold in (now − 2 × window, now − window]. */
  previousUnits: number;
}

/** Products not archived, in id order after `afterProductId`, with their units sold in both windows. */
export async function productSalesWindows(
  db: Kysely<DB>,
  tenantId: string,
  opts: { now: Date; windowDays: number; limit: number; afterProductId?: string | undefined },
): Promise<ProductSalesRow[]> {
  const split = new Date(opts.now.getTime() - opts.windowDays * 86_400_000);
  const since = new Date(opts.now.getTime() - 2 * opts.windowDays * 86_400_000);
  const { rows } = await sql<{ product_id: string; title: string; status: string; lifecycle_stage: string; created_at: Date; recent: string; previous: string }>`
    with page as (
      select product_id, title, status, lifecycle_stage, created_at from products
      where tenant_id = ${tenantId} and status <> 'archived' and product_id > ${opts.afterProductId ?? ''}
      order by product_id limit ${opts.limit}
    )
    select p.product_id, p.title, p.status, p.lifecycle_stage, p.created_at,
           coalesce(${unitsSold('m')} filter (where m.occurred_at > ${split}::timestamptz), 0) as recent,
           coalesce(${unitsSold('m')} filter (where m.occurred_at <= ${split}::timestamptz), 0) as previous
    from page p
    left join skus s on s.tenant_id = ${tenantId} and s.product_id = p.product_id
    left join stock_movements m on m.tenant_id = ${tenantId} and m.sku_id = s.sku_id and m.kind = ${SALE_KIND}
                               and m.occurred_at > ${since}::timestamptz and m.occurred_at <= ${opts.now}::timestamptz
    group by p.product_id, p.title, p.status, p.lifecycle_stage, p.created_at
    order by p.product_id`.execute(db);
  return rows.map((r) => ({
    productId: r.product_id,
    title: r.title,
    status: r.status,
    lifecycleStage: r.lifecycle_stage,
    createdAt: r.created_at,
    recentUnits: Number(r.recent),
    previousUnits: Number(r.previous),
  }));
}
