import type { CreditCodeKind } from './credit-code.ts';

/** What kind of organisation a customer is; it decides the name pattern, departments and titles. */
export type OrgKind = 'company' | 'hospital' | 'school' | 'government' | 'person';

/** A business line inside an industry: the word in the company name, its domain hint and what it does. */
export type NameStem = { word: string; domain: string; business: string };

export type IndustryProfile = {
  industry: string;
  kind: OrgKind;
  /** Relative frequency among generated customers. */
  weight: number;
  stems: NameStem[];
  legalForms: string[];
  creditKind: CreditCodeKind;
  scales: { value: string; weight: number }[];
  /** What individuals do (companies take theirs from the stem, public bodies from their kind). */
  business?: string[];
};

const SMALL_TO_LARGE = [
  { value: '小型企业', weight: 4 },
  { value: '中型企业', weight: 4 },
  { value: '大型企业', weight: 2 },
];
const MID_TO_LARGE = [
  { value: '中型企业', weight: 3 },
  { value: '大型企业', weight: 4 },
  { value: '集团', weight: 1 },
];
const PUBLIC_BODY = [
  { value: '中型企业', weight: 1 },
  { value: '大型企业', weight: 2 },
];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司'];

/** Industries of an IT-operations vendor's customers, with how their names and descriptions read. */
export const INDUSTRIES: IndustryProfile[] = [
  {
    industry: '软件开发', kind: 'company', weight: 16, legalForms: COMPANY_FORMS, creditKind: '91', scales: SMALL_TO_LARGE,
    stems: [
      { word: '科技', domain: 'tech', business: '企业级 SaaS 研发' }, { word: '信息技术', domain: 'it', business: '系统集成与 IT 外包服务' }, { word: '软件', domain: 'soft', business: 'ERP 实施与二次开发' },
      { word: '网络科技', domain: 'net', business: '政企数字化解决方案' }, { word: '数据科技', domain: 'data', business: '数据中台建设与数据治理' }, { word: '智能科技', domain: 'ai', business: '工业视觉与 AI 质检软件' },
    ],
  },
  {
    industry: '互联网', kind: 'company', weight: 7, legalForms: ['有限公司'], creditKind: '91', scales: SMALL_TO_LARGE,
    stems: [{ word: '网络', domain: 'web', business: '本地生活服务平台' }, { word: '互动娱乐', domain: 'game', business: '移动游戏研发与发行' }, { word: '电子商务', domain: 'ec', business: '社区电商平台' }],
  },
  {
    industry: '金融', kind: 'company', weight: 10, legalForms: ['股份有限公司', '有限公司'], creditKind: '91', scales: MID_TO_LARGE,
    stems: [
      { word: '证券', domain: 'sec', business: '证券经纪与资产管理' }, { word: '融资租赁', domain: 'leasing', business: '设备融资租赁' }, { word: '保险经纪', domain: 'ins', business: '财产险与寿险经纪' },
      { word: '基金管理', domain: 'fund', business: '公募基金管理' }, { word: '消费金融', domain: 'cfc', business: '个人消费信贷' }, { word: '期货', domain: 'futures', business: '商品期货经纪' },
    ],
  },
  {
    industry: '制造', kind: 'company', weight: 14, legalForms: COMPANY_FORMS, creditKind: '91', scales: MID_TO_LARGE,
    stems: [
      { word: '精密机械', domain: 'jm', business: '数控机床与自动化产线' }, { word: '电子', domain: 'elec', business: '消费电子代工' }, { word: '汽车零部件', domain: 'auto', business: '新能源汽车零部件' },
      { word: '新材料', domain: 'material', business: '高分子材料研发生产' }, { word: '智能装备', domain: 'ie', business: '工业机器人与智能装备' }, { word: '电器', domain: 'appliance', business: '家用电器制造' },
    ],
  },
  {
    industry: '医疗', kind: 'hospital', weight: 7, legalForms: [''], creditKind: '12', scales: PUBLIC_BODY,
    stems: [],
  },
  {
    industry: '医疗', kind: 'company', weight: 3, legalForms: ['有限公司', '股份有限公司'], creditKind: '91', scales: SMALL_TO_LARGE,
    stems: [{ word: '医疗器械', domain: 'med', business: '体外诊断设备' }, { word: '生物医药', domain: 'bio', business: '创新药研发' }, { word: '医药连锁', domain: 'pharmacy', business: '连锁药房经营' }],
  },
  {
    industry: '教育', kind: 'school', weight: 6, legalForms: [''], creditKind: '12', scales: PUBLIC_BODY,
    stems: [],
  },
  {
    industry: '政府', kind: 'government', weight: 8, legalForms: [''], creditKind: '11', scales: PUBLIC_BODY,
    stems: [],
  },
  {
    industry: '零售', kind: 'company', weight: 8, legalForms: ['有限公司', '股份有限公司'], creditKind: '91', scales: SMALL_TO_LARGE,
    stems: [{ word: '商贸', domain: 'trade', business: '品牌服饰零售' }, { word: '超市连锁', domain: 'mart', business: '区域连锁超市' }, { word: '百货', domain: 'mall', business: '购物中心运营' }, { word: '便利店', domain: 'cvs', business: '社区便利店连锁' }],
  },
  {
    industry: '物流', kind: 'company', weight: 7, legalForms: ['有限公司'], creditKind: '91', scales: SMALL_TO_LARGE,
    stems: [{ word: '物流', domain: '56', business: '城配与仓储一体化服务' }, { word: '供应链管理', domain: 'scm', business: '跨境供应链服务' }, { word: '快运', domain: 'express', business: '零担快运网络' }, { word: '国际货运代理', domain: 'cargo', business: '国际海运与空运代理' }],
  },
  {
    industry: '能源', kind: 'company', weight: 6, legalForms: ['有限公司', '股份有限公司'], creditKind: '91', scales: MID_TO_LARGE,
    stems: [{ word: '新能源', domain: 'ne', business: '储能系统集成' }, { word: '电力工程', domain: 'power', business: '输配电工程总包' }, { word: '燃气', domain: 'gas', business: '城市燃气供应' }, { word: '光伏科技', domain: 'solar', business: '光伏电站投资运营' }],
  },
  {
    industry: '电信', kind: 'company', weight: 5, legalForms: ['有限公司', '股份有限公司'], creditKind: '91', scales: MID_TO_LARGE,
    stems: [{ word: '通信', domain: 'comm', business: '通信网络工程与代维' }, { word: '通信技术', domain: 'ct', business: 'IDC 与云网服务' }, { word: '宽带网络', domain: 'broadband', business: '企业专线与宽带接入' }],
  },
  {
    industry: '软件开发', kind: 'person', weight: 3, legalForms: [''], creditKind: '91', scales: [{ value: '', weight: 1 }],
    stems: [],
    business: ['独立 IT 顾问，承接中小企业网络与服务器运维外包', '自由开发者，维护多家门店的收银与会员系统'],
  },
  {
    industry: '零售', kind: 'person', weight: 2, legalForms: [''], creditKind: '91', scales: [{ value: '', weight: 1 }],
    stems: [],
    business: ['个体工商户，经营两家数码产品门店', '网店店主，使用我司的云桌面和数据备份服务'],
  },
];

/** Fictional trade names (字号), two characters each, read as brands in any industry. */
export const BRANDS = [
  '云启', '华信', '博远', '天润', '鼎新', '星河', '汇通', '瑞达', '金桥', '新元', '智联', '启明', '卓越', '腾达',
  '远航', '同创', '锦程', '海纳', '润泽', '安信', '宏图', '天成', '正泰', '百川', '浩瀚', '弘毅', '致远', '睿智',
  '明德', '中恒', '永信', '凯盛', '华拓', '嘉禾', '国瑞', '恒通', '泰和', '盛世', '佳杰', '东信', '方正', '银河',
  '长风', '蓝海', '青云', '朗新', '易联', '思源', '数聚', '德恒', '兴业', '融创', '信达', '万向', '中翼', '宇辰',
  '聚元', '华芯', '美迪', '贝斯', '卓识', '迅捷', '弘远', '安捷', '昊天', '新航', '诚泰', '汇丰源', '九州', '明远',
  '英诺', '开拓', '辰星', '瀚海', '金石', '时代', '凌云', '宏信', '创新', '达信', '恒瑞', '光启', '北辰', '中汇',
];

/** Government bodies and how their site is abbreviated. */
export const AGENCIES = [
  { name: '政务服务数据管理局', abbr: 'zwsj', business: '负责一网通办政务服务平台与数据共享交换' },
  { name: '大数据发展管理局', abbr: 'dsj', business: '负责城市大脑与政务云建设运营' },
  { name: '公安局', abbr: 'gaj', business: '负责视频专网与警务云平台运行保障' },
  { name: '人力资源和社会保障局', abbr: 'rsj', business: '负责社保经办系统与就业服务平台' },
  { name: '医疗保障局', abbr: 'ybj', business: '负责医保结算平台与定点医药机构联网' },
  { name: '交通运输局', abbr: 'jtj', business: '负责智慧交通与运输监管平台' },
  { name: '应急管理局', abbr: 'yjj', business: '负责应急指挥调度与安全生产监测平台' },
  { name: '教育局', abbr: 'jyj', business: '负责教育城域网与智慧校园平台' },
];

/** Hospital names by city: ordinal people's hospitals, central and specialist ones. */
export const HOSPITAL_KINDS = [
  { name: '第一人民医院', abbr: 'dyrmyy', business: '三级甲等综合医院' },
  { name: '第二人民医院', abbr: 'derm', business: '三级乙等综合医院' },
  { name: '人民医院', abbr: 'rmyy', business: '三级甲等综合医院' },
  { name: '中心医院', abbr: 'zxyy', business: '区域医疗中心' },
  { name: '中医医院', abbr: 'zyy', business: '三级甲等中医医院' },
  { name: '妇幼保健院', abbr: 'fybjy', business: '妇女儿童专科医疗保健机构' },
  { name: '儿童医院', abbr: 'etyy', business: '儿童专科医院' },
];

export const SCHOOL_KINDS = [
  { name: '职业技术学院', abbr: 'zy', business: '全日制高等职业院校' },
  { name: '信息工程学院', abbr: 'xxgc', business: '信息类高等职业院校' },
  { name: '第一中学', abbr: 'yz', business: '省级示范性普通高中' },
  { name: '实验学校', abbr: 'syxx', business: '九年一贯制公办学校' },
  { name: '理工学院', abbr: 'lg', business: '本科层次应用型理工院校' },
];

/** 客户来源, weighted as an MSP's pipeline usually is. */
export const SOURCES = [
  { value: '网络推广', weight: 5 },
  { value: '老客户推荐', weight: 5 },
  { value: '展会', weight: 3 },
  { value: '电话营销', weight: 3 },
  { value: '合作伙伴', weight: 4 },
  { value: '招投标', weight: 3 },
  { value: '官网咨询', weight: 2 },
  { value: '行业会议', weight: 1 },
];
