// Chinese strings of the leadership boards: addressees, writing to a leader, region and leader boards.
export const boardsZhCN = {
  'timeline.addressee-changed': '审核员更正了留言对象',
  'error.unknown_addressee': '没有这位留言对象，请重新选择。',
  'error.addressee_retired': '该留言对象已不再接收新留言。',
  'error.addressee_out_of_region': '留言对象或留言所在地区不在受理范围内，请重新选择。',
} as const;
