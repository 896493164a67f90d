// Catalog import benchmark: `node --expose-gc --import tsx bench/import-bench.ts [--engine pglite|postgres] [--rows 100000]`
// (--expose-gc lets it collect garbage before reading the heap; without it the heap figures include garbage).
// Writes a CSV of `rows` SKU rows to a temporary file (streamed; 5 SKUs per product, categories and
// weights from the Olist catalog in ../shared/datasets/olist when present, Chinese titles and
// 颜色 × 尺码 specs), then imports it through the real service (importCatalog, createMissing=true)
// twice: once creating everything, once re-importing the same file (every row checked, nothing
// changes). Prints elapsed seconds, rows/s and resident memory: the peak sampled every 50 ms, and
// the RSS and JS heap when 10k rows and when all rows had been read (flat memory: the two are close).
// PGlite runs on a temporary data folder, as the server does.
// Target (issue 3): 100,000 rows in < 60 s. PostgreSQL uses a fresh database on BENCH_DATABASE_URL
// or TEST_DATABASE_URL, dropped afterwards.
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';
import { migrate, openDatabase, sql, type Database } from '../packages/db/src/index.ts';
import { createScratchDatabase } from '../packages/db/test/test-database.ts';
import { importCatalog } from '../packages/server/src/services/catalog-imports.ts';
import type { Actor } from '../packages/server/src/services/result.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = (args.get('engine') ?? 'pglite') as 'pglite' | 'postgres';
const ROWS = Number(args.get('rows') ?? 100_000);
const TENANT = 'tnt_importbench';
const actor: Actor = { tenantId: TENANT, actorType: 'system', actorId: null, userId: null, role: 'owner', requestId: null };
const MB = 1024 * 1024;

async function open(): Promise<{ database: Database; close: () => Promise<void> }> {
  if (engine === 'pglite') {
    // A data folder, as the server runs it (an in-memory PGlite would count the database itself as our RSS).
    const dataDir = mkdtempSync(join(tmpdir(), 'import-bench-pglite-'));
    const database = await openDatabase({ engine: 'pglite', dataDir });
    return { database, close: async () => (await database.close(), rmSync(dataDir, { recursive: true, force: true })) };
  }
  process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL;
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ engine: 'postgres', url: scratch.url, poolSize: 4 });
  return { database, close: async () => (await database.close(), await scratch.drop()) };
}

/** Olist categories (English names, as a 2-level path) and weights, or a small built-in list. */
function seedCatalog(): { categories: string[]; weights: number[] } {
  const dir = new URL('../../shared/datasets/olist/', import.meta.url);
  const products = new URL('products.csv.gz', dir);
  const names = new URL('product_category_name_translation.csv.gz', dir);
  if (!existsSync(products) || !existsSync(names)) return { categories: ['服装/女装', '服装/男装', '家居/厨具', '数码/配件'], weights: [150, 350, 800, 1200] };
  const english = new Map(
    gunzipSync(readFileSync(names)).toString('utf8').replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((l) => l.trim().split(',') as [string, string]),
  );
  const categories = new Set<string>();
  const weights: number[] = [];
  for (const line of gunzipSync(readFileSync(products)).toString('utf8').trim().split('\n').slice(1, 20_001)) {
    const cells = line.split(',');
    const cat = english.get(cells[1] ?? '');
    if (cat) categories.add(`olist/${cat}`);
    const w = Number(cells[5]);
    if (Number.isInteger(w) && w > 0) weights.push(w);
  }
  return { categories: [...categories], weights };
}

const ADJECTIVES = ['新款', '经典', '加厚', '轻薄', '纯棉', '真丝', '复古', '简约', '宽松', '修身', '防水', '便携'];
const NOUNS = ['连衣裙', 'T恤', '卫衣', '牛仔裤', '保温杯', '收纳盒', '数据线', '蓝牙耳机', '双肩包', '运动鞋', '床品四件套', '手机壳'];
const COLOURS = ['黑', '白', '红', '蓝', '灰'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];

async function writeFile(path: string): Promise<void> {
  const { categories, weights } = seedCatalog();
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('商品编码,商品标题,类目,品牌,规格,SKU编码,条码,售价,成本价,重量g,状态,标签,图片,描述,允许低于成本\n');
  for (let i = 0; i < ROWS; i++) {
    const p = Math.floor(i / 5);
    const title = `${ADJECTIVES[p % ADJECTIVES.length]}${NOUNS[(p >> 2) % NOUNS.length]} ${p} 号 春夏季`;
    const category = categories[p % categories.length];
    const price = 1000 + ((p * 7919) % 50_000);
    const cost = Math.floor(price * 0.45);
    await write(
      `P${p},${title},${category},品牌${p % 200},颜色:${COLOURS[i % 5]};尺码:${SIZES[p % 5]},S${i},69${String(i).padStart(11, '0')},${(price / 100).toFixed(2)},${(cost / 100).toFixed(2)},${weights[p % weights.length]},启用,新品|热卖,https://img.example.com/${p}.jpg,商品 ${p} 的描述,否\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}

interface Run {
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  rssAt10kMb: number | null;
  rssAtAllRowsMb: number | null;
  heapAt10kMb: number | null;
  heapAtAllRowsMb: number | null;
  created: number;
  updated: number;
  unchanged: number;
  status: string;
}

async function timedImport(database: Database, path: string): Promise<Run> {
  globalThis.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  let at10k: number | null = null;
  let atAll: number | null = null;
  let heap10k: number | null = null;
  let heapAll: number | null = null;
  const start = performance.now();
  const result = await importCatalog(database.db, actor, {
    source: createReadStream(path),
    format: 'csv',
    dryRun: false,
    createMissing: true,
    maxBytes: 1024 * MB,
    onProgress: (rows) => {
      const rss = process.memoryUsage.rss();
      peak = Math.max(peak, rss);
      // Live heap: collected first when node runs with --expose-gc.
      const liveHeap = () => (globalThis.gc?.(), process.memoryUsage().heapUsed);
      if (at10k === null && rows >= 10_000) (at10k = rss), (heap10k = liveHeap());
      if (rows >= ROWS) (atAll = rss), (heapAll = liveHeap());
    },
  });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  if (!result.ok) throw new Error(`import failed: ${result.code} ${result.detail ?? ''}`);
  const mb = (n: number | null) => (n === null ? null : Math.round(n / MB));
  return {
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(ROWS / seconds),
    peakRssMb: mb(peak)!,
    rssAt10kMb: mb(at10k),
    rssAtAllRowsMb: mb(atAll),
    heapAt10kMb: mb(heap10k),
    heapAtAllRowsMb: mb(heapAll),
    created: result.value.createdCount,
    updated: result.value.updatedCount,
    unchanged: result.value.unchangedCount,
    status: result.value.status,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
  const path = join(dir, 'catalog.csv');
  const { database, close } = await open();
  try {
    await writeFile(path);
    await migrate(database);
    await sql`insert into tenants (tenant_id, name) values (${TENANT}, 'bench')`.execute(database.db);
    const create = await timedImport(database, path);
    const reimport = await timedImport(database, path);
    const report = {
      engine,
      rows: ROWS,
      fileMb: Math.round((statSync(path).size / MB) * 10) / 10,
      create,
      reimport,
      target: { seconds: 60, rows: 100_000 },
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(report, null, 2));
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/import-${engine}.json`, `${JSON.stringify(report, null, 2)}\n`);
    if (create.status !== 'succeeded' || create.created !== ROWS || reimport.unchanged !== ROWS) process.exitCode = 1;
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
