import type { CrmLocale } from '../src/i18n/i18n.js';

const zhCN = {
  title: 'CRM 组件库',
  intro: '每个组件都连接真实 API 运行。演示数据下，本页自动以 admin@demo 登录。',
  language: '语言',
  theme: '主题',
  themes: { default: '默认', dark: '深色', brand: '品牌' } as Record<string, string>,
  signingIn: '正在以 admin@demo 登录…',
  signedIn: (user: string) => `已登录：${user}`,
  signInFailed: (reason: string) => `自动登录失败：${reason}`,
  cards: '客户卡片 <crm-customer-card>',
  compact: '紧凑模式 compact',
  contractPanels: '合同与 SLA <crm-contract-panel>',
  serviceHistories: '服务历史 <crm-service-history>（右侧为 compact，仅工单与投诉）',
  healthGauges: '客户健康度 <crm-health-gauge>',
  taskBoard: '客户成功任务看板 <crm-csm-task-board>（团队视图；空格键拿起卡片，方向键移动）',
  opportunityPipeline: '销售管道 <crm-opportunity-pipeline>（拖放或空格键拿起、左右方向键移动商机；移到“输单”需填写原因）',
  surveyForm: '满意度调查 <crm-survey-form>',
  surveyFormHint: '问卷链接无需登录即可填写。在本页地址后加上 ?survey=<令牌>（pnpm start 会打印一条演示问卷链接）即可在此填写；没有链接时显示“找不到问卷”状态。',
  states: '空状态与错误状态',
  themeDemo: '主题定制（--crm-* 与 ::part）',
  embed: '在其他页面中嵌入',
  embedHint: '五行 HTML 即可在任意页面中嵌入客户卡片：',
  lastEvent: '最近事件',
  noEvent: '尚无事件：点击卡片或在卡片名称上按 Enter。',
  noCustomers: '没有可显示的客户。',
};

export type GalleryMessages = typeof zhCN;

const en: GalleryMessages = {
  title: 'CRM widget gallery',
  intro: 'Every widget runs live against the API. With demo data this page signs in as admin@demo by itself.',
  language: 'Language',
  theme: 'Theme',
  themes: { default: 'Default', dark: 'Dark', brand: 'Brand' },
  signingIn: 'Signing in as admin@demo…',
  signedIn: (user: string) => `Signed in as ${user}`,
  signInFailed: (reason: string) => `Automatic sign-in failed: ${reason}`,
  cards: 'Customer card <crm-customer-card>',
  compact: 'Compact variant',
  contractPanels: 'Contract and SLA <crm-contract-panel>',
  serviceHistories: 'Service history <crm-service-history> (right: compact, tickets and complaints only)',
  healthGauges: 'Customer health <crm-health-gauge>',
  taskBoard: 'Customer success task board <crm-csm-task-board> (team view; Space picks a card up, arrow keys move it)',
  opportunityPipeline: 'Sales pipeline <crm-opportunity-pipeline> (drag, or Space and Left/Right, to move an opportunity; "lost" asks for a reason)',
  surveyForm: 'Satisfaction survey <crm-survey-form>',
  surveyFormHint: 'Survey links are answered without signing in. Add ?survey=<token> to this page’s address (pnpm start prints a demo survey link) to answer one here; without a link the form shows its “survey not found” state.',
  states: 'Empty and error states',
  themeDemo: 'Theming (--crm-* and ::part)',
  embed: 'Embedding in another page',
  embedHint: 'Five lines of HTML embed a customer card in any page:',
  lastEvent: 'Last event',
  noEvent: 'No event yet: click a card or press Enter on its name.',
  noCustomers: 'No customers to show.',
};

/** The gallery's own texts; the widgets bring theirs. */
export function galleryMessages(locale: CrmLocale): GalleryMessages {
  return locale === 'en' ? en : zhCN;
}
