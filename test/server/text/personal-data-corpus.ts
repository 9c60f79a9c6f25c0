// Personal data written the ways the December security test slipped past masking, and a few
// more. None of it is a real person's: 139 1234 5678 is the customary example number, the ID
// numbers are made up with checksums computed here (11010519491231002X is GB 11643's own example).

/** The canonical forms that must never reach the public, in any spelling. */
export const secrets = {
  mobile: '13912345678',
  id18: '11010519491231002X',
  id18b: '110105199003071239',
  id15: '320102880214035',
  landline: '037112345678',
  email: 'zhang.wei@example.com',
  qq: '246813579',
} as const;

export type Evasion = { label: string; text: string; masked: string };

/** Each evasion in a sentence, and what the public sees of that sentence. */
export const evasions: Evasion[] = [
  {
    label: 'full-width mobile',
    text: '电话１３９１２３４５６７８，',
    masked: '电话139****5678，',
  },
  {
    label: 'mobile split by zero-width spaces',
    text: '电话139\u200b1234\u200b5678。',
    masked: '电话139****5678。',
  },
  {
    label: 'mobile split by joiners, word joiner and BOM',
    text: '手机1\u200c3\u200d9\u206012345\ufeff678。',
    masked: '手机139****5678。',
  },
  { label: 'dotted mobile', text: '电话139.1234.5678；', masked: '电话139****5678；' },
  { label: 'spaced mobile', text: '手机：139 1234 5678。', masked: '手机：139****5678。' },
  { label: 'hyphenated mobile', text: '手机139-1234-5678。', masked: '手机139****5678。' },
  {
    label: 'mobile one digit at a time',
    text: '打1 3 9 1 2 3 4 5 6 7 8找我',
    masked: '打139****5678找我',
  },
  {
    label: 'full-width mobile with ideographic spaces',
    text: '电话１３９　１２３４　５６７８。',
    masked: '电话139****5678。',
  },
  {
    label: 'spaced 18-digit ID number',
    text: '身份证 110105 19491231 002X，',
    masked: '身份证 110*************2X，',
  },
  {
    label: 'full-width 18-digit ID number',
    text: '身份证１１０１０５１９９００３０７１２３９。',
    masked: '身份证110*************39。',
  },
  {
    label: 'hyphenated 18-digit ID number with a small x',
    text: '证件号110105-19491231-002x。',
    masked: '证件号110*************2X。',
  },
  {
    label: '15-digit ID number',
    text: '老身份证320102880214035。',
    masked: '老身份证320**********35。',
  },
  {
    label: 'landline without a dash',
    text: '座机037112345678。',
    masked: '座机0371-******78。',
  },
  {
    label: 'landline with brackets',
    text: '座机(0371)12345678；',
    masked: '座机0371-******78；',
  },
  {
    label: 'landline with full-width brackets',
    text: '座机（0371）12345678。',
    masked: '座机0371-******78。',
  },
  {
    label: 'e-mail with a full-width at sign',
    text: '邮箱zhang.wei＠example.com，',
    masked: '邮箱z***@example.com，',
  },
  {
    label: 'e-mail split by a zero-width space',
    text: '邮箱zhang.wei\u200b@example.com。',
    masked: '邮箱z***@example.com。',
  },
  { label: 'QQ number', text: 'QQ：246813579。', masked: 'QQ：2*******9。' },
];

/** All the evasions in one text (a body, a custom field, a reply). */
export const evasionText = evasions.map((e) => e.text).join('');

/** How someone might search for the data: every spelling of every number. */
export const searchForms = [
  secrets.mobile,
  '１３９１２３４５６７８',
  '139 1234 5678',
  '139.1234.5678',
  secrets.id18,
  '110105 19491231 002X',
  secrets.id18b,
  secrets.id15,
  secrets.landline,
  '12345678',
  secrets.email,
  'zhang.wei',
  secrets.qq,
];

/**
 * Whether any secret can be read back from a text: folded as masking folds it (NFKC, no format
 * characters) and with every separator between digits taken out, so 139 1234 5678 counts too.
 */
export function leaks(text: string): string[] {
  const folded = text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/(?<=\d)[\s.·()-]+(?=[\dXx])/g, '')
    .toUpperCase();
  return Object.values(secrets).filter((secret) =>
    folded.includes(secret === secrets.email ? 'ZHANG.WEI@' : secret.toUpperCase()),
  );
}
