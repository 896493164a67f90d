import { describe, expect, it } from 'vitest';
import { distanceKm } from './distance.ts';
import { PROVINCES, resolveProvince } from './provinces.ts';

describe('resolveProvince', () => {
  it.each([
    ['44', '44'],
    ['440000', '44'],
    ['440300', '44'], // 深圳 is in 广东
    ['广东', '44'],
    ['广东省', '44'],
    ['上海市', '31'],
    ['新疆维吾尔自治区', '65'],
    ['广西壮族自治区', '45'],
    ['香港特别行政区', '81'],
    ['Guangdong', '44'],
    [' zhejiang ', '33'],
  ])('reads %s as province %s', (region, code) => {
    expect(resolveProvince(region)?.code).toBe(code);
  });

  it.each(['', '99', '广东东', 'Atlantis', '4403'])('names no province for %j', (region) => {
    expect(resolveProvince(region)).toBeUndefined();
  });

  it('has 34 divisions with unique codes and names', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(34);
    expect(new Set(PROVINCES.map((p) => p.nameZh)).size).toBe(34);
  });
});

describe('distanceKm', () => {
  it('matches reference great-circle distances within 1%', () => {
    // Beijing–Shanghai ≈ 1,067 km and Guangzhou–Ürümqi ≈ 3,270 km great-circle
    const bj = resolveProvince('北京')!;
    const sh = resolveProvince('上海')!;
    const gz = resolveProvince('广东')!;
    const xj = resolveProvince('新疆')!;
    expect(distanceKm(bj, sh)).toBeGreaterThan(1067 * 0.99);
    expect(distanceKm(bj, sh)).toBeLessThan(1067 * 1.01);
    expect(distanceKm(gz, xj)).toBeGreaterThan(3270 * 0.97);
    expect(distanceKm(gz, xj)).toBeLessThan(3270 * 1.03);
  });

  it('is zero for a point and itself, and symmetric', () => {
    const a = { lat: 30.27, lng: 120.16 };
    const b = { lat: 23.13, lng: 113.26 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });
});
