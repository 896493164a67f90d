import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema.ts';

// The set-based half of a catalog import: resolve the staged rows against the catalog, check them
// against each other and the catalog (each check one INSERT … SELECT of problems), count what the
// import would do, and apply it (INSERT … SELECT / UPDATE … FROM the staging table). Every
// statement is bounded by (tenant_id, import_id).

/** Which optional template columns the file has: an absent column leaves its field unchanged. */
export interface StagedFields {
  categoryPath: boolean;
  brand: boolean;
  barcode: boolean;
  weightG: boolean;
  status: boolean;
  tags: boolean;
  imageUrls: boolean;
  description: boolean;
}

export type ImportCheck =
  | 'duplicate_sku_code'
  | 'product_conflict'
  | 'sku_product_mismatch'
  | 'unknown_category'
  | 'unknown_brand'
  | 'spec_change'
  | 'spec_names'
  | 'spec_collision'
  | 'product_archived';

/** The report line of a check: the problem code, the column header as written, and the message. */
export interface CheckMessage {
  code: string;
  column: string | null;
  zh: string;
  en: string;
}

/** Problem seq numbers of the set checks; the per-row parse problems use 0…99. */
const SEQ: Record<ImportCheck, number> = {
  duplicate_sku_code: 100,
  product_conflict: 101,
  sku_product_mismatch: 102,
  unknown_category: 103,
  unknown_brand: 104,
  spec_change: 105,
  spec_names: 106,
  spec_collision: 107,
  product_archived: 108,
};

const mine = (t: string, i: string, alias = 'r') => sql`${sql.ref(`${alias}.tenant_id`)} = ${t} and ${sql.ref(`${alias}.import_id`)} = ${i}`;

/** Every category of the shop with its path of names from the root (服装/女装/连衣裙). */
function categoryPathsCte(tenantId: string): RawBuilder<unknown> {
  return sql`cat_paths_all (category_id, path, depth) as (
      select category_id, name, 1 from categories where tenant_id = ${tenantId} and parent_id is null
      union all
      select c.category_id, p.path || '/' || c.name, p.depth + 1
      from categories c join cat_paths_all p on c.parent_id = p.category_id
      where c.tenant_id = ${tenantId} and p.depth < 25
    ),
    cat_paths as (select path, min(category_id) as category_id from cat_paths_all group by path)`;
}

/** Category paths of the shop by category id (for the export). */
export async function categoryPathsById(db: Kysely<DB>, tenantId: string): Promise<Map<string, string[]>> {
  const rows = await sql<{ category_id: string; path: string }>`with recursive ${categoryPathsCte(tenantId)} select category_id, path from cat_paths_all`.execute(db);
  return new Map(rows.rows.map((r) => [r.category_id, r.path.split('/')]));
}

/**
 * Fills the staged rows' existing product, SKU, category and brand ids (one UPDATE for the
 * catalog ids, one for the taxonomy). `taxonomyOnly` refreshes categories and brands after
 * createMissing made some.
 */
export async function resolveStagedRows(db: Kysely<DB>, tenantId: string, importId: string, opts: { taxonomyOnly?: boolean } = {}): Promise<void> {
  const t = tenantId;
  const i = importId;
  if (!opts.taxonomyOnly) {
    // Fresh statistics: the staged rows arrived just now, and the joins below plan on them.
    await sql`analyze catalog_import_rows`.execute(db);
    await sql`update catalog_import_rows r
      set product_id = x.product_id, sku_id = x.sku_id, sku_product_id = x.sku_product_id, spec_values = coalesce(r.spec_values, x.sku_spec_values)
      from (
        select r2.row_number, coalesce(pc.product_id, p.product_id) as product_id, s.sku_id, s.product_id as sku_product_id, s.spec_values as sku_spec_values
        from catalog_import_rows r2
        left join catalog_product_codes pc on pc.tenant_id = ${t} and pc.code = r2.product_code
        left join products p on p.tenant_id = ${t} and p.product_id = r2.product_code
        left join skus s on s.tenant_id = ${t} and s.code = r2.sku_code
        where r2.tenant_id = ${t} and r2.import_id = ${i} and (pc.product_id is not null or p.product_id is not null or s.sku_id is not null)
      ) x
      where ${mine(t, i)} and r.row_number = x.row_number`.execute(db);
    await sql`update catalog_import_rows r set spec_values = '{}'::jsonb, spec_names = '{}', spec_vals = '{}'
      where ${mine(t, i)} and r.spec_values is null`.execute(db);
  }
  await sql`with recursive ${categoryPathsCte(t)}
    update catalog_import_rows r set category_id = x.category_id, brand_id = x.brand_id
    from (
      select r2.row_number, cp.category_id, b.brand_id
      from catalog_import_rows r2
      left join cat_paths cp on cp.path = r2.category_path
      left join (select name, min(brand_id) as brand_id from brands where tenant_id = ${t} group by name) b on b.name = r2.brand_name
      where r2.tenant_id = ${t} and r2.import_id = ${i} and (cp.category_id is not null or b.brand_id is not null)
    ) x
    where ${mine(t, i)} and r.row_number = x.row_number
      and (r.category_id is distinct from x.category_id or r.brand_id is distinct from x.brand_id)`.execute(db);
}

/** Category paths and brand names the staged rows name that the shop does not have. */
export async function missingTaxonomy(db: Kysely<DB>, tenantId: string, importId: string): Promise<{ categoryPaths: string[]; brands: string[] }> {
  const cats = await sql<{ p: string }>`select distinct category_path as p from catalog_import_rows r
    where ${mine(tenantId, importId)} and r.category_path is not null and r.category_id is null order by 1`.execute(db);
  const brands = await sql<{ b: string }>`select distinct brand_name as b from catalog_import_rows r
    where ${mine(tenantId, importId)} and r.brand_name is not null and r.brand_id is null order by 1`.execute(db);
  return { categoryPaths: cats.rows.map((r) => r.p), brands: brands.rows.map((r) => r.b) };
}

function problemsInsert(t: string, i: string, check: ImportCheck, m: CheckMessage, select: RawBuilder<unknown>, withRow = false): RawBuilder<unknown> {
  const zh = withRow ? sql`${m.zh} || '（第 ' || x.other_row || ' 行）'` : sql`${m.zh}`;
  const en = withRow ? sql`${m.en} || ' (row ' || x.other_row || ')'` : sql`${m.en}`;
  return sql`insert into catalog_import_problems (tenant_id, import_id, row_number, seq, column_name, code, message_zh, message_en)
    select ${t}, ${i}, x.row_number, ${SEQ[check]}, ${m.column}, ${m.code}, ${zh}, ${en} from (${select}) x`;
}

/**
 * Records a problem for every staged row that breaks a rule needing other rows or the catalog.
 * Unknown categories and brands are problems only without createMissing.
 */
export async function checkStagedRows(
  db: Kysely<DB>,
  tenantId: string,
  importId: string,
  opts: { createMissing: boolean; messages: Record<ImportCheck, CheckMessage> },
): Promise<void> {
  const t = tenantId;
  const i = importId;
  const m = opts.messages;
  const run = (check: ImportCheck, select: RawBuilder<unknown>, withRow = false) => problemsInsert(t, i, check, m[check], select, withRow).execute(db);

  await run(
    'duplicate_sku_code',
    sql`select row_number, other_row from (
      select r.row_number, min(r.row_number) over (partition by lower(r.sku_code)) as other_row from catalog_import_rows r where ${mine(t, i)}) d
      where row_number > other_row`,
    true,
  );
  await run(
    'product_conflict',
    sql`select row_number, other_row from (
      select r.row_number, first_value(r.row_number) over w as other_row,
        (r.title, r.category_path, r.brand_name, r.tags, r.image_urls, r.description)
          is distinct from (first_value(r.title) over w, first_value(r.category_path) over w, first_value(r.brand_name) over w,
                            first_value(r.tags) over w, first_value(r.image_urls) over w, first_value(r.description) over w) as differs
      from catalog_import_rows r where ${mine(t, i)}
      window w as (partition by r.product_code order by r.row_number)) d
      where differs`,
    true,
  );
  // As POST /products/{id}/skus: an archived product takes no new SKUs.
  await run(
    'product_archived',
    sql`select r.row_number from catalog_import_rows r join products p on p.tenant_id = ${t} and p.product_id = r.product_id
      where ${mine(t, i)} and r.sku_id is null and p.status = 'archived'`,
  );
  await run('sku_product_mismatch', sql`select r.row_number from catalog_import_rows r where ${mine(t, i)} and r.sku_id is not null and r.sku_product_id is distinct from r.product_id`);
  if (!opts.createMissing) {
    await run('unknown_category', sql`select r.row_number from catalog_import_rows r where ${mine(t, i)} and r.category_path is not null and r.category_id is null`);
    await run('unknown_brand', sql`select r.row_number from catalog_import_rows r where ${mine(t, i)} and r.brand_name is not null and r.brand_id is null`);
  }
  await run(
    'spec_change',
    sql`select r.row_number from catalog_import_rows r join skus s on s.tenant_id = ${t} and s.sku_id = r.sku_id
      where ${mine(t, i)} and r.spec_values <> s.spec_values`,
  );
  // A new SKU of an existing product names exactly the product's spec dimensions; the rows of a
  // new product all name the same dimensions as its first row.
  await run(
    'spec_names',
    sql`select r.row_number from catalog_import_rows r
      where ${mine(t, i)} and r.sku_id is null and r.product_id is not null
        and (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(r.spec_values) k)
         <> (select coalesce(array_agg(d->>'name' order by d->>'name'), '{}') from products p cross join lateral jsonb_array_elements(p.spec_dimensions) d
             where p.tenant_id = ${t} and p.product_id = r.product_id)
      union all
      select r.row_number from catalog_import_rows r
      join (select distinct on (product_code) product_code, spec_values from catalog_import_rows r where ${mine(t, i)} and r.product_id is null order by product_code, row_number) f
        on f.product_code = r.product_code
      where ${mine(t, i)} and r.product_id is null
        and (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(r.spec_values) k)
         <> (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(f.spec_values) k)`,
  );
  // Live SKUs of a product after the import: the file's rows (with their final status) and the
  // product's other active SKUs. Two with the same spec values collide; the later file row (or
  // every file row colliding with a SKU not in the file) is rejected.
  await run(
    'spec_collision',
    sql`with staged as (
        select r.row_number, r.product_id, r.product_code, r.sku_code, r.sku_id, r.spec_values, r.status from catalog_import_rows r where ${mine(t, i)}
      ), live as (
        select coalesce(st.product_id, 'new:' || st.product_code) as pkey, st.spec_values as sv, st.row_number
        from staged st left join skus s on s.tenant_id = ${t} and s.sku_id = st.sku_id
        where coalesce(st.status, s.status, 'active') = 'active'
        union all
        select s.product_id, s.spec_values, null
        from skus s
        join (select distinct product_id from staged where product_id is not null) tp on tp.product_id = s.product_id
        left join staged st on st.sku_code = s.code
        where s.tenant_id = ${t} and s.status = 'active' and st.row_number is null
      ), grouped as (
        select row_number, min(row_number) over w as first_row, count(*) over w as n, count(row_number) over w as staged
        from live window w as (partition by pkey, sv)
      )
      select row_number from grouped where n > 1 and row_number is not null and (n > staged or row_number > first_row)`,
  );
}

function skuChanged(f: StagedFields): RawBuilder<boolean> {
  return sql<boolean>`(r.price_fen <> s.price_fen or r.cost_fen <> s.cost_fen
    or (${sql.lit(f.barcode)} and r.barcode is distinct from s.barcode)
    or (${sql.lit(f.weightG)} and r.weight_g is distinct from s.weight_g)
    or (${sql.lit(f.status)} and r.status is distinct from s.status))`;
}

function productChanged(f: StagedFields): RawBuilder<boolean> {
  return sql<boolean>`(r.title <> p.title
    or (${sql.lit(f.categoryPath)} and r.category_id is distinct from p.category_id)
    or (${sql.lit(f.brand)} and r.brand_id is distinct from p.brand_id)
    or (${sql.lit(f.tags)} and r.tags is distinct from p.tags)
    or (${sql.lit(f.imageUrls)} and r.image_urls is distinct from p.image_urls)
    or (${sql.lit(f.description)} and r.description is distinct from p.description))`;
}

/** What applying the staged rows does: SKUs created, updated (SKU or product fields change), unchanged. */
export async function countStagedOutcome(db: Kysely<DB>, tenantId: string, importId: string, fields: StagedFields): Promise<{ created: number; updated: number; unchanged: number }> {
  const r = await sql<{ created: string; updated: string; unchanged: string }>`
    select count(*) filter (where r.sku_id is null) as created,
           count(*) filter (where r.sku_id is not null and (${skuChanged(fields)} or ${productChanged(fields)})) as updated,
           count(*) filter (where r.sku_id is not null and not (${skuChanged(fields)} or ${productChanged(fields)})) as unchanged
    from catalog_import_rows r
    left join skus s on s.tenant_id = ${tenantId} and s.sku_id = r.sku_id
    left join products p on p.tenant_id = ${tenantId} and p.product_id = r.sku_product_id
    where ${mine(tenantId, importId)}`.execute(db);
  const row = r.rows[0]!;
  return { created: Number(row.created), updated: Number(row.updated), unchanged: Number(row.unchanged) };
}

/**
 * Writes checked staged rows to the catalog, set-based. Run in one transaction with no problem
 * recorded for the import. Returns the products created and updated.
 */
export async function applyStagedRows(db: Kysely<DB>, tenantId: string, importId: string, f: StagedFields): Promise<{ productsCreated: number; productsUpdated: number }> {
  const t = tenantId;
  const i = importId;
  const firstOfProduct = sql`select distinct on (product_code) * from catalog_import_rows r where ${mine(t, i)} order by product_code, row_number`;

  // 1. Existing products: listing fields from the product's first row.
  const sets = [
    sql`title = r.title`,
    ...(f.categoryPath ? [sql`category_id = r.category_id`] : []),
    ...(f.brand ? [sql`brand_id = r.brand_id`] : []),
    ...(f.tags ? [sql`tags = r.tags`] : []),
    ...(f.imageUrls ? [sql`image_urls = r.image_urls`] : []),
    ...(f.description ? [sql`description = r.description`] : []),
  ];
  const updated = await sql`update products p set ${sql.join(sets)}, updated_at = now()
    from (${firstOfProduct}) r
    where p.tenant_id = ${t} and r.product_id is not null and p.product_id = r.product_id and ${productChanged(f)}`.execute(db);

  // 2. Existing products: spec values new to a dimension extend it (in file order).
  await sql`with pairs as (
      select r.product_id, e.key as name, e.value as val, min(r.row_number) as first
      from catalog_import_rows r cross join lateral jsonb_each_text(r.spec_values) e
      where ${mine(t, i)} and r.product_id is not null and r.sku_id is null
      group by 1, 2, 3
    ), cur as (
      select p.product_id, d.dim, d.ord from products p cross join lateral jsonb_array_elements(p.spec_dimensions) with ordinality d(dim, ord)
      where p.tenant_id = ${t} and p.product_id in (select product_id from pairs)
    ), ext as (
      select c.product_id, c.ord, jsonb_build_object('name', c.dim->>'name', 'values', (c.dim->'values') || coalesce((
        select jsonb_agg(x.val order by x.first, x.val) from pairs x
        where x.product_id = c.product_id and x.name = c.dim->>'name'
          and not exists (select 1 from jsonb_array_elements_text(c.dim->'values') e where e = x.val)), '[]'::jsonb)) as dim
      from cur c
    ), dims as (select product_id, jsonb_agg(dim order by ord) as dims from ext group by product_id)
    update products p set spec_dimensions = d.dims, updated_at = now()
    from dims d where p.tenant_id = ${t} and p.product_id = d.product_id and p.spec_dimensions is distinct from d.dims`.execute(db);

  // 3. New products, with spec dimensions in the order the file first names them, and their codes.
  const created = await sql`with pairs as (
      select r.product_code, p.name, p.val, r.row_number, p.ord
      from catalog_import_rows r cross join lateral unnest(r.spec_names, r.spec_vals) with ordinality as p(name, val, ord)
      where ${mine(t, i)} and r.product_id is null
    ), names as (select product_code, name, min(row_number::bigint * 10 + ord) as first from pairs group by product_code, name),
    vals as (select product_code, name, val, min(row_number) as first from pairs group by product_code, name, val),
    dimvals as (select product_code, name, jsonb_agg(val order by first, val) as vals from vals group by product_code, name),
    dims as (
      select n.product_code, jsonb_agg(jsonb_build_object('name', n.name, 'values', dv.vals) order by n.first) as dims
      from names n join dimvals dv using (product_code, name) group by n.product_code
    )
    insert into products (tenant_id, product_id, title, category_id, brand_id, tags, image_urls, description, spec_dimensions)
    select ${t}, r.new_product_id, r.title, r.category_id, r.brand_id, coalesce(r.tags, '{}'), coalesce(r.image_urls, '{}'), coalesce(r.description, ''), coalesce(d.dims, '[]'::jsonb)
    from (${firstOfProduct}) r left join dims d on d.product_code = r.product_code
    where r.product_id is null`.execute(db);
  await sql`insert into catalog_product_codes (tenant_id, code, product_id)
    select ${t}, r.product_code, r.new_product_id from (${firstOfProduct}) r where r.product_id is null`.execute(db);

  // 4. Existing SKUs (before the new ones, so an archived SKU frees its combination first).
  const skuSets = [
    sql`price_fen = r.price_fen`,
    sql`cost_fen = r.cost_fen`,
    ...(f.barcode ? [sql`barcode = r.barcode`] : []),
    ...(f.weightG ? [sql`weight_g = r.weight_g`] : []),
    ...(f.status ? [sql`status = r.status`] : []),
  ];
  await sql`update skus s set ${sql.join(skuSets)}, updated_at = now()
    from catalog_import_rows r
    where ${mine(t, i)} and s.tenant_id = ${t} and s.sku_id = r.sku_id and ${skuChanged(f)}`.execute(db);

  // 5. New SKUs (of new products too: their ids come from the codes just written); spec_key is
  // the values in the product's dimension order, as specKeyOf writes it.
  await sql`with target as (
      select r.*, coalesce(r.product_id, pc.product_id) as pid
      from catalog_import_rows r left join catalog_product_codes pc on r.product_id is null and pc.tenant_id = ${t} and pc.code = r.product_code
      where ${mine(t, i)} and r.sku_id is null
    ), dim_names as (
      select p.product_id, array_agg(d.dim->>'name' order by d.ord) as names
      from products p cross join lateral jsonb_array_elements(p.spec_dimensions) with ordinality d(dim, ord)
      where p.tenant_id = ${t} and p.product_id in (select pid from target)
      group by p.product_id
    )
    insert into skus (tenant_id, sku_id, product_id, code, barcode, spec_values, spec_key, price_fen, cost_fen, weight_g, status)
    select ${t}, r.new_sku_id, r.pid, r.sku_code, r.barcode, r.spec_values,
      case when dn.names is null then '[]'
           else '[' || array_to_string(array(select to_json(coalesce(r.spec_values->>u.n, ''))::text from unnest(dn.names) with ordinality u(n, o) order by u.o), ',') || ']' end,
      r.price_fen, r.cost_fen, coalesce(r.weight_g, 0), coalesce(r.status, 'active')
    from target r left join dim_names dn on dn.product_id = r.pid
    order by r.row_number`.execute(db);

  return { productsCreated: Number(created.numAffectedRows ?? 0), productsUpdated: Number(updated.numAffectedRows ?? 0) };
}
