import { describe, expect, it } from 'vitest';
import { resolveProvince } from '../geo/index.ts';
import { allocateStock } from './allocate-stock.ts';
import { byDistanceFrom, warehouseLocation, type LocatedWarehouse } from './rank-warehouses.ts';

const w = (warehouseId: string, region: string, available: number, priority = 1, at?: { lat: number; lng: number }): LocatedWarehouse => ({
  warehouseId,
  region,
  available,
  priority,
  latitude: at?.lat ?? null,
  longitude: at?.lng ?? null,
});

const shanghai = resolveProvince('上海')!;
const guangzhou = resolveProvince('广东')!;

describe('byDistanceFrom', () => {
  const stock = [w('whs_bj', '北京', 10, 1), w('whs_gz', '广东省', 10, 3), w('whs_hz', '33', 10, 2)];

  it('takes a line from the nearest warehouse that can cover it, whatever the priorities', () => {
    // 杭州 is ~165 km from 上海; 广州 is nearest to 深圳 (广东)
    expect(allocateStock(stock, 5, byDistanceFrom(shanghai))).toEqual({ ok: true, allocations: [{ warehouseId: 'whs_hz', qty: 5 }] });
    expect(allocateStock(stock, 5, byDistanceFrom(resolveProvince('440300')!))).toEqual({ ok: true, allocations: [{ warehouseId: 'whs_gz', qty: 5 }] });
  });

  it('skips a near warehouse that cannot cover the line alone before splitting, then splits nearest first', () => {
    const s = [w('whs_hz', '浙江', 3), w('whs_gz', '广东', 4), w('whs_bj', '北京', 20)];
    expect(allocateStock(s, 10, byDistanceFrom(shanghai))).toEqual({ ok: true, allocations: [{ warehouseId: 'whs_bj', qty: 10 }] });
    expect(allocateStock(s, 25, byDistanceFrom(guangzhou))).toEqual({
      ok: true,
      allocations: [
        { warehouseId: 'whs_gz', qty: 4 },
        { warehouseId: 'whs_hz', qty: 3 },
        { warehouseId: 'whs_bj', qty: 18 },
      ],
    });
  });

  it('prefers a warehouse with its own coordinates over its region, and puts unknown locations last by priority', () => {
    // a warehouse labelled 北京 but actually standing in 昆山 next to 上海
    const s = [w('whs_x', '', 10, 0), w('whs_y', 'nowhere', 10, 1), w('whs_bj', '北京', 10, 9, { lat: 31.38, lng: 120.98 }), w('whs_gz', '广东', 10, 5)];
    const order = [...s].sort(byDistanceFrom(shanghai)).map((x) => x.warehouseId);
    expect(order).toEqual(['whs_bj', 'whs_gz', 'whs_x', 'whs_y']);
  });

  it('breaks distance ties by priority, then id', () => {
    const s = [w('whs_b', '浙江', 10, 2), w('whs_c', '浙江', 10, 1), w('whs_a', '浙江', 10, 2)];
    expect([...s].sort(byDistanceFrom(shanghai)).map((x) => x.warehouseId)).toEqual(['whs_c', 'whs_a', 'whs_b']);
  });
});

describe('warehouseLocation', () => {
  it('is undefined without coordinates or a province', () => {
    expect(warehouseLocation({ region: '', latitude: null, longitude: null })).toBeUndefined();
    expect(warehouseLocation({ region: '郊区', latitude: 31, longitude: null })).toBeUndefined();
  });
});
