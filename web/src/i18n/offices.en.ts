// English strings of leaders' offices: the same keys as offices.zh-CN.ts (checked by the compiler).
import type { officesZhCN } from './offices.zh-CN.ts';

export const officesEn: { readonly [K in keyof typeof officesZhCN]: string } = {
  'role.office': "Leader's office",
  'timeline.instructed': "Leader's instruction",
  'notifications.type.instructed': "Leader's instruction",
};
