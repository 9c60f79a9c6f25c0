// Masks personal data in text shown to the public. The original stays sealed for the author and
// staff. Patterns are deliberately conservative where a false positive would mangle ordinary text.

const mobile = /(?<![0-9０-９])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9０-９])/g;
const landline = /(?<!\d)(0\d{2,3})-(\d{7,8})(?!\d)/g;
const idCard = /(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])/g;
const email = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// Province abbreviation + issuing letter + 5 characters (6 for new-energy plates), at least one digit.
const plate =
  /([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-HJ-NP-Z])[·•\s]?((?=[A-HJ-NP-Z0-9]{0,5}\d)[A-HJ-NP-Z0-9]{5,6})(?![A-Za-z0-9])/g;

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** The 18th character of a resident ID number is a checksum (GB 11643, ISO 7064 MOD 11-2). */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const sum = idWeights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return idCheckChars[sum % 11] === id[17]!.toUpperCase();
}

export type Masked = { text: string; masked: boolean };

export function maskPersonalData(text: string): Masked {
  let masked = false;
  const hit = (replacement: string) => {
    masked = true;
    return replacement;
  };
  const out = text
    .replace(idCard, (m: string, id: string) =>
      isValidIdNumber(id) ? hit(`${id.slice(0, 3)}${'*'.repeat(13)}${id.slice(16)}`) : m,
    )
    .replace(mobile, (_m, a: string, _b: string, c: string) => hit(`${a}****${c}`))
    .replace(landline, (_m, area: string, num: string) =>
      hit(`${area}-${'*'.repeat(num.length - 2)}${num.slice(-2)}`),
    )
    .replace(email, (_m, first: string, domain: string) => hit(`${first}***@${domain}`))
    .replace(plate, (_m, prov: string, letter: string, rest: string) =>
      hit(`${prov}${letter}${'*'.repeat(rest.length - 1)}${rest.slice(-1)}`),
    );
  return { text: out, masked };
}
