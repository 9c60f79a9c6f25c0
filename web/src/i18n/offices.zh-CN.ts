// Chinese strings of leaders' offices (领导办公室): the role, instructions (批示) and their notices.
export const officesZhCN = {
  'role.office': '领导办公室',
  'timeline.instructed': '领导批示',
  'notifications.type.instructed': '领导批示',
} as const;
