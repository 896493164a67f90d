import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPersonalData, maskPhone, normalizePhone } from './contact.ts';

describe('normalizePhone', () => {
  it.each([
    ['13812340000', '13812340000'],
    ['138 1234 0000', '13812340000'],
    ['138-1234-0000', '13812340000'],
    ['+86 138 1234 0000', '+8613812340000'],
    ['+44 20 7946 0958', '+442079460958'],
    ['12812340000', undefined], // 12x is no mobile prefix
    ['1381234000', undefined], // ten digits
    ['+0123456789', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});

describe('masks', () => {
  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['王', '*'],
    ['Alice', 'A****'],
  ])('masks the name %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['13812340000', '138****0000'],
    ['+8613812340000', '+86138****0000'],
    ['+442079460958', '+44******0958'],
  ])('masks the phone %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each([
    ['alice@example.com', 'a***@example.com'],
    ['张@例子.cn', '张***@例子.cn'],
    ['broken', '***'],
  ])('masks the email %s as %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it('masks every personal field and leaves the rest alone', () => {
    const masked = maskPersonalData({ customerRef: 'c-1', displayName: '李四', phone: '13900001111', email: 'li@x.com', birthday: '1990-05-01', region: '广东' });
    expect(masked).toEqual({ customerRef: 'c-1', displayName: '李*', phone: '139****1111', email: 'l***@x.com', birthday: '****-**-**', region: '广东' });
  });

  it('keeps absent fields absent', () => {
    expect(maskPersonalData({ displayName: null, phone: null, email: null, birthday: null })).toEqual({ displayName: null, phone: null, email: null, birthday: null });
  });

  it('never lets the middle digits of a mobile through', () => {
    for (let i = 0; i < 50; i++) {
      const middle = String(1000 + i * 17).padStart(4, '0');
      expect(maskPhone(`138${middle}5678`)).not.toContain(middle);
    }
  });
});
