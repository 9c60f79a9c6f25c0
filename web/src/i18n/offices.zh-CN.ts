// Chinese strings of leaders' offices (领导办公室): the role, instructions (批示) and their notices.
export const officesZhCN = {
  'role.office': '领导办公室',
  'timeline.instructed': '领导批示',
  'notifications.type.instructed': '领导批示',

  // The console tab: the messages written to the leader the office serves.
  'console.tab.office': '领导留言',
  'office.intro': '写给{leader}的留言，按办理时限由近及远排列。',
  'office.leaders': '所服务的领导',
  'office.view': '范围',
  'office.view.open': '待答复',
  'office.view.answered': '已答复',
  'office.view.all': '全部',
  'office.leader': '领导',
  'office.allLeaders': '全部领导',
  'office.count': '共 {n} 条',
  'office.empty.open': '目前没有待答复的留言。',
  'office.empty.answered': '还没有已答复的留言。',
  'office.empty.all': '还没有写给这位领导的留言。',
  'office.unit': '承办单位：{unit}',
  'office.due': '办理时限：{date}',
  'office.answeredState': '已答复',

  // The instruction form (批示) on the submission page.
  'instruction.title': '领导批示',
  'instruction.intro':
    '批示记入办理过程，并立即通知承办单位；公众只能看到“领导批示”，看不到批示内容。',
  'instruction.note': '批示内容',
  'instruction.notePlaceholder': '如：请住建局三日内核查并答复群众。',
  'instruction.priority': '办理要求',
  'instruction.priority.urgent': '急办',
  'instruction.priority.urgentHint': '转为紧急办理，办理时限随之缩短',
  'instruction.priority.normal': '一般',
  'instruction.priority.normalHint': '紧急程度和办理时限不变',
  'instruction.send': '提交批示',
  'instruction.done': '批示已提交，承办单位已收到通知。',

  // The timeline and the handlers' notification.
  'tl.instructed': '领导批示：一般，办理时限 {due}',
  'tl.instructedUrgent': '领导批示：急办，已转为紧急办理，办理时限 {due}',
  'tl.instructedNoDue': '领导批示',
  'timeline.instruction': '批示：{note}',
  'notif.instructed': '{addressee}对 {ref}“{title}”作出批示，请按批示办理。',
  'notif.instructedUrgent': '{addressee}批示急办：{ref}“{title}”已转为紧急办理，请抓紧办理。',
} as const;
