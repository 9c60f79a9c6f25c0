// Phrase patterns of official replies. They run on normalizeText() output, so full-width
// punctuation is already half-width (，→, ！→! ：→: ？→?), Latin is lower-case, and 。、“”《》 stay.
// Every pattern is global (used with matchAll) and written for what a reviewer calls it.

/** A clause may not cross these characters. */
const C = '[^。!?;,:]';

/**
 * Formula that says nothing either way (greeting, "reply as follows", the echo of the title,
 * the sign-off date and signature). Removed before measuring substance, not held against a reply.
 */
export const NEUTRAL: RegExp[] = [
  // 网友"uu008238" 您好! / 尊敬的网友:您好, / 市民同志:你好!
  /(尊敬的)?(网友|网民|市民(同志)?|先生|女士|同志)?\s*[“"]?[a-z]{0,4}\d{0,12}[”"]?\s*[:,]?\s*(您|你)们?好\s*[!,.。:]?/g,
  /(网友|网民|市民同志)\s*[“"]?[a-z]{0,4}\d{0,12}[”"]?\s*[:,]/g,
  /[“"]?[a-z]{1,4}\d{4,}[”"]?\s*[:,]/g,
  // 现将有关情况回复如下:
  /现?(将|就)?(有关|相关)?(情况|问题)?(回复|答复|汇报|说明|回应)如下\s*[:。]?/g,
  // 针对您反映的……问题 / 关于您咨询的……事项 (the echo of the question)
  /(针对|关于|对于?|就)(您|你)(所|在[^。!?;]{0,20}?上)?(反映|咨询|提出|提到|反馈|来信|留言)的?[^。!?;]{0,60}?(问题|情况|事项|诉求|建议|事宜|一事|来信)/g,
  // sign-off dates: at the end, or where a second reply is glued on (…2019年1月21日网友您好)
  /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?=\s*$|\s*(网友|网民|您好|你好|[“"]))/g,
  /^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g,
  /\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}\s*$/g,
  // a signature line just before the end: …A7县网宣办 / E9县网信办
  /[^\s。!?;,:]{0,12}(网信办|网宣办|网宣中心|信访办|办公室|网络问政平台)\s*(?=\d{4}\s*年|$)/g,
];

/** Boilerplate, by kind; the kind is shown to the reviewer. */
export const BOILERPLATE: { kind: string; patterns: RegExp[] }[] = [
  {
    kind: '收悉',
    patterns: [
      new RegExp(`${C}{0,30}?(收悉|已阅|阅悉)`, 'g'),
      /已?收到(您|你)的?(留言|来信|信件|反映)/g,
    ],
  },
  {
    kind: '已转交',
    patterns: [
      new RegExp(
        `((已经?|现已|并|均已)(转交?|转至|转给|转到|转送|转办|交由|交|批转|移交)|转(交|至|给|到|送|办))${C}{0,30}?(调查|核处|核实|处理|办理|答复|回复|反馈|办复|查处|核查|部门|单位)${C}{0,8}`,
        'g',
      ),
      new RegExp(`将${C}{0,15}?转(交|至|给|到)?${C}{0,25}`, 'g'),
      new RegExp(`(发函|函)?交办(给|至|到)?${C}{0,20}`, 'g'),
      new RegExp(`如有${C}{0,6}情况${C}{0,4}(及时|尽快)?(反馈|回复|告知)`, 'g'),
      new RegExp(
        `(办理|处理|调查)?结果将?(会)?(及时|尽快)?(反馈|回复|告知|公布|发布)${C}{0,6}`,
        'g',
      ),
      new RegExp(`(敬请|请)(关注|留意|等待)${C}{0,10}(回复|答复|反馈|结果)`, 'g'),
    ],
  },
  {
    kind: '请咨询有关部门',
    patterns: [
      new RegExp(
        `(请|建议|可)(您|你)?(直接)?(咨询|向|与|到|找)${C}{0,20}?(有关|相关|主管|职能)(部门|单位)${C}{0,10}`,
        'g',
      ),
      new RegExp(`(请|建议)(您|你)?(直接)?咨询${C}{0,25}`, 'g'),
      new RegExp(`(请|建议)(您|你)?(直接)?向${C}{0,25}?(反映|咨询|反馈|投诉|举报)`, 'g'),
    ],
  },
  {
    kind: '正在研究',
    patterns: [
      /正在(研究|协调|调研|处理|办理|核查|调查|核实|跟进|了解)(之?中|当中)?/g,
      /(将|会)(认真|积极)?(研究|考虑|关注)(您的)?(建议|意见|诉求)?/g,
      /(高度重视|认真研究|积极协调|妥善处理)/g,
    ],
  },
  {
    kind: '按规定办理',
    patterns: [/(按|依|按照|依照)(有关|相关)?(规定|政策|程序|法律法规)(办理|处理|执行)/g],
  },
  {
    kind: '感谢您的关注',
    patterns: [
      new RegExp(
        `(非常|十分)?(感谢|谢谢)${C}{0,40}?(关注|支持|监督|理解|关心|留言|来信|建议|信任|反映)${C}{0,20}`,
        'g',
      ),
      /(谢谢|感谢)(您|你)?[!。]?/g,
      new RegExp(`(欢迎|敬请)${C}{0,30}?(监督|关注|留言|建议)${C}{0,10}`, 'g'),
      new RegExp(`祝(您|你)${C}{0,10}`, 'g'),
    ],
  },
];

/** Concrete actions, results and commitments (已转交 and 已收悉 are boilerplate, not here). */
export const COMMITMENT: RegExp =
  /(已经?|均已|现已)(完成|解决|修复|修好|整改|办结|安排|要求|责令|责成|督促|约谈|查处|处罚|立案|拆除|清理|更换|维修|恢复|落实|启动|开展|制定|出台|下发|派|联系|纳入|列入|对接|查明|退还|发放|补发|支付|到位|开通|安装|暂停|停止|关停|取缔|撤销|纠正|改正|处理完毕|得到|建成|开工|投入)|将于|预计|计划(于|在)?|拟(于|在)?|责令|整改|约谈|(?<!调)查处|处罚|罚款|立案|取缔|拆除|经查|经核实|经调查|经了解|据查|据了解|现场(核查|检查|查看|勘察|调查|核实)|下一步|(将|会)(继续|进一步|加强|加快|加大|组织|安排|督促|尽快|及时|协调)|督促|要求\S{0,12}?(整改|落实|处理|改正|停止)/g;

/** Explanations: a rule cited, a cause given, the present state, a way to get things done. */
export const EXPLANATION: RegExp =
  /根据|依据|按照《|规定|政策|文件|条例|办法|因为|由于|原因|因|目前|现阶段|属于|不属于|符合|不符合|需要|须|可通过|可以通过|可(携带|到|向|登录|拨打|前往)|流程|材料|标准|一是|二是|[1-9][、.]|[(（][一二三四五六][)）]|[一二三四五六]、/g;

/**
 * Deflection (推诿): the burden goes back to the citizen or elsewhere instead of an answer —
 * "we cannot look into it", "you gave no details", "please provide …", "not our remit".
 */
export const DEFLECTION: RegExp =
  /(无法|不能|难以|不便)(查询|核实|答复|回复|处理|办理|督办|联系|确定|了解|调查|受理)|(未|没有|没)(提供|填写|留下|说明|写明)[^。!?;]{0,15}?(联系方式|电话|身份|信息|地址|具体|情况|线索)|请(您|你)?(提供|补充|补全|留下)|建议(您|你)?(提供|补全|补充|准备|留下)|(描述|信息|内容|情况)(不足|不详|不清|不全)|过于笼统|不掌握具体情况|不属于(我|本)[^。!?;,]{0,6}?(管辖|职责|范围|管理|受理)|不归[^。!?;,]{0,8}?管/g;

/** Dates and deadlines within the substance (sign-off dates are NEUTRAL). */
export const DATE: RegExp =
  /\d{4}\s*年|\d{1,2}\s*月(\s*\d{1,2}\s*日|底|初|中旬|上旬|下旬|份)?|\d{1,2}\s*日前|年底|年内|年初|月底|之前|以前|前完成|\d+\s*个?工作日|[\d一二三两四五六七八九十]+\s*(天|日|周|个月)内|近期|下周|下月|明年|今年|本月|本周|年度/g;

/** A responsible office or a way to reach one. */
export const OFFICE: RegExp =
  /电话|联系人|热线|邮箱|\d{3,4}[-—]\d{4}|\d{7,}|12345|12333|我(局|办|委|院|校|镇|区|县|市|厅|中心|街道|公司)|[\p{Script=Han}a-z0-9]{2,8}?(?<![布结格大当])(局(?![面限部势])|科室|[^学]科(?=[,。、 ]|负责|联系|电话)|办公室|委员会|管委会|服务中心|管理中心|中心(?=[,。、 ]|负责|联系|电话)|大队|中队|支队|派出所|管理所|管理站|管理处|街道办事处|街道办|街道|社区|居委会|村委会|人民政府|镇政府|乡政府|县政府|区政府|市政府|公司|法院|检察院|医院|学校)/gu;

/** What the citizen asked, and what would count as an answer to it (on the reply's substance). */
export const QUESTION_KINDS: { kind: string; asked: RegExp; answered: RegExp }[] = [
  {
    kind: '能否/是否',
    asked: /能否|是否|可否|能不能|可不可以|有没有|会不会|行不行|可以吗|能吗|吗\s*\?/,
    answered:
      /可以|不可以|能够|不能|无法|不予|暂不|暂无|没有|不会|符合|不符合|需要|不需要|属于|不属于|允许|不得|禁止|同意|不同意|已经?|将于|(?<!不)能/,
  },
  {
    kind: '何时',
    asked: /何时|什么时候|多久|哪天|哪一天|几时|时间表|何日|啥时候/,
    answered: DATE,
  },
  {
    kind: '多少',
    asked: /多少|几[个年月天人]|比例|标准是/,
    answered: /\d|[一二三四五六七八九十百千万]+(元|个|人|年|月|天|%|成)|百分之/,
  },
  {
    kind: '如何',
    asked: /如何|怎么办|怎样|怎么(办理|申请|处理|才能|查询)|哪里|去哪|流程/,
    answered:
      /可(以)?(通过|到|向|携带|拨打|登录|前往|申请|办理|联系)|需(要)?|办理|流程|材料|步骤|携带|申请|联系|电话|地址|窗口|网站|平台/,
  },
  {
    kind: '为什么',
    asked: /为什么|为何|怎么还|凭什么|何故|原因/,
    answered: /因为|由于|原因|因|系|导致|所以|是(根据|按照)|根据|依据|规定/,
  },
];

/** Words of a question that do not make its topic. */
export const GENERIC_QUESTION_WORDS = new Set(
  (
    '问题 反映 投诉 请求 咨询 关于 希望 建议 举报 情况 相关 部门 有关 政府 领导 市民 网友 解决 ' +
    '处理 我们 这个 一下 现在 没有 已经 还是 怎么 什么 为什么 能否 是否 如何 请问 谢谢 可以 ' +
    '需要 一个 不是 就是 这样 这些 那些 时候 知道 我们的 大家 老百姓 百姓 群众 居民 业主 ' +
    '一直 至今 目前 严重 多次 尽快 要求 请 帮助 帮忙 关注 重视 市委 市政府 书记 市长'
  ).split(' '),
);
