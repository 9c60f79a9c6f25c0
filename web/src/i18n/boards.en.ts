// English board strings: the same keys as boards.zh-CN.ts (checked by the compiler).
import type { boardsZhCN } from './boards.zh-CN.ts';

export const boardsEn: { readonly [K in keyof typeof boardsZhCN]: string } = {
  'timeline.addressee-changed': 'A reviewer corrected whom the message is to',
  'error.unknown_addressee': 'There is no such addressee; please choose again.',
  'error.addressee_retired': 'This addressee takes no new messages.',
  'error.addressee_out_of_region':
    'The addressee or the place of the message is outside this board; please choose again.',
};
