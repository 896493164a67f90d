import { describe, expect, it } from 'vitest';
import { checkListingQuality, repeatedKeywords, type ListingInput } from './check-listing-quality.ts';
import { findBannedWords } from './banned-words.ts';
import { titleWidth } from './title-width.ts';

const good: ListingInput = {
  title: '连衣裙女夏季新款 碎花雪纺中长款',
  subtitle: '透气雪纺',
  mainKeyword: '连衣裙',
  tags: ['碎花', '雪纺'],
  imageUrls: ['a', 'b', 'c', 'd', 'e', 'f'],
  description: '面料：雪纺',
  specDimensions: [
    { name: '颜色', values: ['红'] },
    { name: '尺码', values: ['M', 'L'] },
  ],
  requiredSpecs: ['颜色', '尺码'],
  skus: [
    { code: 'D-1', specValues: { 颜色: '红', 尺码: 'M' }, priceFen: 19900, costFen: 8000 },
    { code: 'D-2', specValues: { 颜色: '红', 尺码: 'L' }, priceFen: 19900, costFen: 8000 },
  ],
};
const codes = (p: Partial<ListingInput>) => checkListingQuality({ ...good, ...p }).map((f) => f.code);

describe('titleWidth', () => {
  it.each([
    ['abc', 3],
    ['连衣裙', 6],
    ['T恤 M码', 7],
    ['（全角）', 8],
  ])('counts %s as %i', (text, width) => expect(titleWidth(text)).toBe(width));
});

describe('checkListingQuality', () => {
  it('finds nothing in a good listing', () => {
    expect(checkListingQuality(good)).toEqual([]);
  });

  it('flags a title over 60 characters counting CJK as 2, but not one of exactly 60', () => {
    const body = '女夏季新款碎花雪纺中长款法式复古收腰显瘦气质温柔风小个';
    expect(body).toHaveLength(27);
    expect(codes({ title: `连衣裙${body}` })).toEqual([]);
    expect(codes({ title: `连衣裙${body}a` })).toEqual(['title_too_long']);
  });

  it('wants the main keyword in the title and near its front', () => {
    expect(codes({ title: '夏季新款碎花雪纺中长款' })).toEqual(['keyword_not_in_title']);
    expect(codes({ title: '夏季新款碎花雪纺中长款女装 连衣裙' })).toEqual(['keyword_not_near_front']);
    expect(codes({ mainKeyword: null })).toEqual(['main_keyword_missing']);
  });

  it('flags repeated keyword stuffing', () => {
    expect(codes({ title: '连衣裙 女 连衣裙 夏季 连衣裙' })).toContain('keyword_stuffing');
    expect(repeatedKeywords('连衣裙碎花连衣裙雪纺连衣裙', [])).toContain('连衣裙');
    expect(repeatedKeywords('Dress summer dress', [])).toEqual(['Dress']);
  });

  it('flags every Advertising-Law word in title, subtitle and description', () => {
    const found = checkListingQuality({ ...good, title: '连衣裙 全网最佳 顶级面料', description: '国家级工艺，万能搭配' }).filter((f) => f.code === 'banned_word');
    expect(found.map((f) => f.details)).toEqual([
      { field: 'title', words: ['最佳', '顶级'] },
      { field: 'description', words: ['国家级', '万能'] },
    ]);
    expect(found[0]!.message['zh-CN']).toContain('广告法');
    expect(found[0]!.message['en-US']).toContain('Advertising Law');
    expect(findBannedWords('销量第一，唯一正品，极品，首个')).toHaveLength(4);
  });

  it('wants 5 to 7 images', () => {
    expect(codes({ imageUrls: ['a', 'b', 'c', 'd'] })).toEqual(['images_too_few']);
    expect(codes({ imageUrls: ['a', 'b', 'c', 'd', 'e'] })).toEqual([]);
    expect(codes({ imageUrls: ['1', '2', '3', '4', '5', '6', '7'] })).toEqual([]);
    expect(codes({ imageUrls: ['1', '2', '3', '4', '5', '6', '7', '8'] })).toEqual(['images_too_many']);
  });

  it('wants the category’s required specs and a description', () => {
    expect(codes({ requiredSpecs: ['颜色', '尺码', '材质'] })).toEqual(['required_spec_missing']);
    expect(codes({ description: '  ' })).toEqual(['description_missing']);
  });

  it('flags a SKU priced below cost as an error, listed before warnings', () => {
    const found = checkListingQuality({ ...good, description: '', skus: [{ ...good.skus[0]!, priceFen: 7000 }] });
    expect(found.map((f) => [f.code, f.severity])).toEqual([
      ['price_below_cost', 'error'],
      ['description_missing', 'warning'],
    ]);
    expect(found[0]!.details).toEqual({ skuCode: 'D-1', priceFen: 7000, costFen: 8000 });
  });
});
