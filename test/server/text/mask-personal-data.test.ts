import { describe, expect, it } from 'vitest';
import {
  isValidIdNumber,
  maskCustomFields,
  maskPersonalData,
} from '../../../server/text/mask-personal-data.ts';
import { evasions } from './personal-data-corpus.ts';

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

  // The evasions of the December security test (and a few more), each masked in place.
  it.each(evasions.map((e) => [e.label, e.text, e.masked] as const))(
    'masks the evasion: %s',
    (_label, input, expected) => {
      expect(maskPersonalData(input)).toEqual({ text: expected, masked: true });
    },
  );

  it("keeps the citizen's own punctuation around what it masks", () => {
    expect(maskPersonalData('请联系我：１３９１２３４５６７８，谢谢（急）。').text).toBe(
      '请联系我：139****5678，谢谢（急）。',
    );
    expect(maskPersonalData('😀电话139\u200b1234\u200b5678😀').text).toBe('😀电话139****5678😀');
  });

  it('masks everything in a text that holds several kinds', () => {
    const { text } = maskPersonalData(
      '电话１３９１２３４５６７８；电话139\u200b1234\u200b5678；电话139.1234.5678；身份证320102880214035；身份证 110105 19491231 002X；座机037112345678；邮箱zhang＠example.com…',
    );
    expect(text).toBe(
      '电话139****5678；电话139****5678；电话139****5678；身份证320**********35；身份证 110*************2X；座机0371-******78；邮箱z***@example.com…',
    );
  });

  it.each([
    '2024年12月12日召开，共收到76.8万件留言',
    '身份证号110105194912310021', // checksum does not match: an ordinary number, left alone
    '身份证号440304200102294565', // checksum matches, but 29 February 2001 never was
    '公积金贷款额度提高到120万元',
    '编号LB-2026-000123',
    '参见FYP-2026-000014和LB-2026-000123',
    '12345热线',
    '屋里只有13度',
    '第15 16 17 18 19 20号楼',
    '预算1,391,234,567元',
    '金额13912345.67元',
    '价格13.91234万元',
    '时间2026.12.07 13:00',
    '2026-12-07至2027-01-31',
    '邮编450000',
    '1949年10月1日',
    '订单号2026120713912345678', // a mobile number's digits inside a longer number
    '全市共有139123456户', // nine digits
    '３月１５日召开第１２次会议', // full-width digits of an ordinary date
    '版本号1.3.9.12345678',
  ])('leaves ordinary text alone: %s', (input) => {
    expect(maskPersonalData(input)).toEqual({ text: input, masked: false });
  });

  it('validates the ID checksum', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105199003071239')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('masks custom fields, strings and numbers alike, and says when it did', () => {
    expect(
      maskCustomFields({ level: 'national', measures: '电话13912345678', people: 30 }),
    ).toEqual({
      custom: { level: 'national', measures: '电话139****5678', people: 30 },
      masked: true,
    });
    expect(maskCustomFields({ phone: 13912345678 })).toEqual({
      custom: { phone: '139****5678' },
      masked: true,
    });
    expect(maskCustomFields({ level: 'national', measures: '建议建设养老服务中心' })).toEqual({
      custom: { level: 'national', measures: '建议建设养老服务中心' },
      masked: false,
    });
  });
});
