import { describe, expect, it } from 'vitest';
import { isValidIdNumber, maskPersonalData } from '../../../server/text/mask-personal-data.ts';

describe('maskPersonalData', () => {
  it.each([
    ['联系电话13912345678', '联系电话139****5678'],
    ['电话+86 139 1234 5678谢谢', '电话139****5678谢谢'],
    ['座机0374-2345678', '座机0374-*****78'],
    ['邮箱zhang.san@example.com', '邮箱z***@example.com'],
    ['身份证号11010519491231002X', '身份证号110*************2X'],
    ['车牌豫A12345被刮', '车牌豫A****5被刮'],
    ['新能源车豫KD12345', '新能源车豫K*****5'],
  ])('masks %s', (input, expected) => {
    expect(maskPersonalData(input)).toEqual({ text: expected, masked: true });
  });

  it.each([
    '2024年12月12日召开，共收到76.8万件留言',
    '身份证号110105194912310021', // checksum does not match: an ordinary number, left alone
    '公积金贷款额度提高到120万元',
    '编号LB-2026-000123',
    '12345热线',
  ])('leaves ordinary text alone: %s', (input) => {
    expect(maskPersonalData(input)).toEqual({ text: input, masked: false });
  });

  it('validates the ID checksum', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
});
