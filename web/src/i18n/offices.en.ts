// English strings of leaders' offices: the same keys as offices.zh-CN.ts (checked by the compiler).
import type { officesZhCN } from './offices.zh-CN.ts';

export const officesEn: { readonly [K in keyof typeof officesZhCN]: string } = {
  'role.office': "Leader's office",
  'timeline.instructed': "Leader's instruction",
  'notifications.type.instructed': "Leader's instruction",

  'console.tab.office': "Leader's messages",
  'office.intro': 'Messages written to {leader}, soonest due first.',
  'office.leaders': 'Leaders served',
  'office.view': 'Show',
  'office.view.open': 'Awaiting an answer',
  'office.view.answered': 'Answered',
  'office.view.all': 'All',
  'office.leader': 'Leader',
  'office.allLeaders': 'All leaders',
  'office.count': '{n} in all',
  'office.empty.open': 'No message is awaiting an answer.',
  'office.empty.answered': 'No message has been answered yet.',
  'office.empty.all': 'No message has been written to this leader yet.',
  'office.unit': 'Handled by {unit}',
  'office.due': 'Due {date}',
  'office.answeredState': 'Answered',

  'instruction.title': "Leader's instruction",
  'instruction.intro':
    'The instruction goes on the record and the handling unit is told at once; the public sees that an instruction was given, not its words.',
  'instruction.note': 'Instruction',
  'instruction.notePlaceholder':
    'E.g. The housing bureau should check and answer the writer within three days.',
  'instruction.priority': 'Priority',
  'instruction.priority.urgent': 'Urgent',
  'instruction.priority.urgentHint': 'The matter becomes urgent and its due date comes sooner',
  'instruction.priority.normal': 'Normal',
  'instruction.priority.normalHint': 'Urgency and due date stay as they are',
  'instruction.send': 'Send the instruction',
  'instruction.done': 'Instruction sent; the handling unit has been told.',

  'tl.instructed': 'Leader’s instruction (normal priority); due {due}',
  'tl.instructedUrgent': 'Leader’s instruction: urgent. The matter is now urgent, due {due}',
  'tl.instructedNoDue': 'Leader’s instruction',
  'timeline.instruction': 'Instruction: {note}',
  'notif.instructed': '{addressee} gave an instruction on {ref} “{title}”; please act on it.',
  'notif.instructedUrgent':
    '{addressee} instructed that {ref} “{title}” be handled urgently; it is now urgent and due sooner.',
} as const;
