import { type ComplaintToken, tokenizeComplaint } from './complaint-tokens.ts';
import { TRAINING_SET } from './training-set.ts';

export const COMPLAINT_CATEGORIES = ['service_quality', 'response_speed', 'technical_failure', 'billing', 'attitude', 'product', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export const COMPLAINT_SENTIMENTS = ['negative', 'very_negative', 'neutral'] as const;
export type ComplaintSentiment = (typeof COMPLAINT_SENTIMENTS)[number];

/** A labelled text: the built-in training examples and staff corrections have this shape. */
export type LabelledComplaint = { text: string; category?: ComplaintCategory; severity?: ComplaintSeverity; sentiment?: ComplaintSentiment };
export type Labelled<T> = { value: T; confidence: number /* 0..1, calibrated-ish: posterior of the winner */ };
export type ComplaintClassification = {
  category: Labelled<ComplaintCategory>;
  severity: Labelled<ComplaintSeverity>;
  sentiment: Labelled<ComplaintSentiment>;
  /** The words in the text that drove the category (and severity), most influential first, at most 8, as they appear in the text. */
  drivers: { word: string; label: string; weight: number }[];
  language: 'zh' | 'en';
  model_version: string;
};

/** One multinomial naive Bayes head: log priors and, per known feature, log P(feature | label) for every label. */
type NaiveBayesHead<L extends string> = {
  readonly labels: readonly L[];
  readonly logPrior: Float64Array;
  readonly logLikelihood: ReadonlyMap<string, Float64Array>;
};

/** A trained classifier. Treat as opaque: build it with `trainComplaintModel`, use it with `classifyComplaint`. */
export type ComplaintModel = {
  readonly version: string;
  readonly bigramWeight: number;
  readonly category: NaiveBayesHead<ComplaintCategory>;
  readonly severity: NaiveBayesHead<ComplaintSeverity>;
  readonly sentiment: NaiveBayesHead<ComplaintSentiment>;
};

const MODEL_FAMILY = 'nb-1';
/** Training knobs; the defaults are what `trainComplaintModel` uses. */
export type ComplaintTrainingOptions = {
  /** Lidstone/Laplace smoothing pseudo-count added to every (feature, label) cell of the category head. */
  smoothing: number;
  /** The same for the severity and sentiment heads, whose cues are spread thinner over more generic words. */
  toneSmoothing: number;
  /** Character bigrams overlap the jieba words they sit in; a lower weight keeps them from drowning the words. */
  bigramWeight: number;
  /** A staff correction is a deliberate, tenant-specific judgement: it counts as this many built-in examples. */
  correctionWeight: number;
  /** Each lexicon keyword is one pseudo-example of this weight (see CATEGORY_LEXICON). */
  lexiconWeight: number;
};

// Chosen by 5-fold cross-validation on the built-in training set (never on the held-out evaluation set).
const DEFAULT_TRAINING: ComplaintTrainingOptions = { smoothing: 0.3, toneSmoothing: 2, bigramWeight: 1, correctionWeight: 4, lexiconWeight: 2 };
const MAX_DRIVERS = 8;
/** A typical short complaint has ~9 features; scaling by 3/sqrt(mass) keeps its evidence near its raw count. */
const LENGTH_NORMALISER = 3;
const TEMPERATURE_SCALE = 0.6;

/**
 * Explicit keyword prior per category. The built-in training set is a few hundred sentences; these keywords are the
 * vocabulary an MSP complaint desk would name for each category, so they are trained in as short pseudo-examples.
 * That lets a complaint using a core term the training sentences happen not to contain still lean the right way,
 * while the examples (and a tenant's corrections) can outweigh it.
 */
const CATEGORY_LEXICON: Record<ComplaintCategory, readonly string[]> = {
  service_quality: ['服务质量', '服务水平', '不专业', '专业能力', '敷衍', '走过场', '没解决', '治标不治本', '巡检', '交付质量', '水平太低', '返工', '不规范', '不到位', '不彻底', '交接', '整改', '文档', '技术能力', '靠谱', 'quality', 'unprofessional', 'sloppy', 'not fixed properly', 'root cause', 'handover'],
  response_speed: ['响应慢', '响应时间', '没人理', '没人回复', '没人接', '等了很久', '超时', '催了', '催促', '迟迟', '打不通', '到场慢', '不回复', '进度', '跟进', '排队', '拖延', '还没来', 'slow response', 'no reply', 'still waiting', 'ignored', 'waiting', 'no one responded'],
  technical_failure: ['宕机', '故障', '中断', '断网', '掉线', '备份失败', '数据丢失', '补丁', '升级后', '报错', '蓝屏', '崩溃', '重启', '硬盘坏', '连不上', '打不开', '病毒', '断电', 'outage', 'crashed', 'failed', 'went down', 'offline', 'error'],
  billing: ['发票', '账单', '收费', '多收', '扣费', '扣款', '退款', '价格', '付款', '对账', '费用', '开票', '税号', '抬头', '报销', '结算', '欠费', '催款', '涨价', '金额', 'invoice', 'bill', 'overcharged', 'refund', 'payment', 'price'],
  attitude: ['态度', '不耐烦', '挂电话', '推诿', '语气', '甩锅', '傲慢', '骂人', '嘲讽', '凶', '不礼貌', '不尊重', '脸色', '冷淡', '推卸责任', '吼', '不客气', '道歉', 'rude', 'attitude', 'arrogant', 'hung up', 'impolite', 'disrespectful'],
  product: ['功能', '缺陷', 'bug', '误报', '漏报', '闪退', '报表', '界面', '门户', '导出', '平台', '监控平台', '告警规则', 'app', '页面', '系统显示', '不好用', '客户端', 'feature', 'dashboard', 'portal', 'false alarm', 'app crash', 'user interface'],
  other: ['建议', '咨询', '停车', '骚扰', '短信', '发错邮件', '通知', '资料', '门禁', '保密', '营销', '推销', '广告', '泄露', '隐私', '物业', '地址变更', '更名', '资质', '活动', '邀请', '礼品', 'parking', 'spam', 'newsletter', 'marketing', 'privacy'],
};

type SeverityCue = { pattern: RegExp; level: ComplaintSeverity };

/**
 * Escalation cues. Naive Bayes learns "how bad does this sound" from examples, but a single phrase such as
 * 起诉 or "data loss" must make a complaint critical regardless of how mild the rest reads, so these only ever raise
 * the predicted severity.
 */
const SEVERITY_CUES: readonly SeverityCue[] = [
  { level: 'critical', pattern: /(生产|核心|全部|整个|所有|全公司|全网|业务系统|主站|数据库).{0,8}(宕机|瘫痪|中断|停摆|停了|挂了|挂掉|断了|打不开)/u },
  { level: 'critical', pattern: /瘫痪|停摆|全部中断|全线中断|数据.{0,4}(丢失|丢了|没了|损坏)|丢失.{0,6}数据|无法恢复/u },
  { level: 'critical', pattern: /起诉|律师|法律(手段|途径|责任|程序)|仲裁|法院|解约|终止(合同|合作|服务)|换(供应商|服务商|一家|掉你们|别家)|不再续(约|签|费)|不续约|监管|消协|12315/u },
  { level: 'critical', pattern: /\b(outage|data loss|lost (all|our|the) data|lawyers?|legal action|lawsuit|sue|terminat\w*|cancel\w* (the|our) contract|switch\w* (to another )?(provider|vendor|supplier)s?|another (provider|vendor|supplier)|not renew\w*|everything is down|completely down|entire (network|site|office|company))\b/iu },
  { level: 'high', pattern: /宕机|断网|中断|投诉到|上报|升级投诉|领导|总经理|老板|严重|反复|多次|屡次|又(一次|双叒)?(宕|断|坏|出)|第[二三四五六2-6]次|影响(了)?(业务|生产|营业|交易|客户)|无法(办公|营业|使用|工作|登录)|停工|赔偿|索赔|损失/u },
  { level: 'high', pattern: /\b(escalat\w*|management|ceo|director|repeatedly|third time|again and again|business impact|cannot work|can't work|compensation|losing money|lost revenue|down for)\b/iu },
];

/** Phrases that mark anger or contempt rather than plain dissatisfaction. */
const VERY_NEGATIVE_CUES =
  /太差|极差|垃圾|忍无可忍|气死|愤怒|无语|离谱|坑人|骗子|欺骗|恶心|受够|失望透顶|不可接受|无法接受|岂有此理|什么玩意|搞什么|非常不满|极其不满|太过分|过分了|忍不了|烂透|[!！]{2,}|[?？]{2,}|\b(terrible|unacceptable|ridiculous|furious|worst|disgusting|outrageous|fed up|sick of|appalling|incompetent|joke|pathetic)\b|!{2,}/iu;

let cachedBaseModel: ComplaintModel | undefined;

type TrainingDocument = { features: Map<string, number>; mass: number; weight: number; labels: LabelledComplaint };

/** Distinct features of a text with their weight (binarised: a word said twice is not twice the evidence). */
function featureWeights(tokens: readonly ComplaintToken[], bigramWeight: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (const token of tokens) weights.set(token.feature, token.kind === 'bigram' ? bigramWeight : 1);
  return weights;
}

function trainHead<L extends string>(labels: readonly L[], documents: readonly TrainingDocument[], smoothing: number, pick: (doc: LabelledComplaint) => L | undefined): NaiveBayesHead<L> {
  const counts = new Map<string, Float64Array>();
  const totals = new Float64Array(labels.length);
  const docs = new Float64Array(labels.length);
  for (const document of documents) {
    const label = pick(document.labels);
    if (label === undefined) continue;
    const li = labels.indexOf(label);
    docs[li] = docs[li]! + document.weight;
    // Length normalisation (Rennie et al. 2003): a long e-mail should not outvote ten short notes just by having
    // more words, so each document's evidence is scaled by 1/sqrt(its feature mass).
    const scale = (LENGTH_NORMALISER * document.weight) / Math.sqrt(document.mass);
    for (const [feature, weight] of document.features) {
      let row = counts.get(feature);
      if (!row) counts.set(feature, (row = new Float64Array(labels.length)));
      row[li] = row[li]! + weight * scale;
      totals[li] = totals[li]! + weight * scale;
    }
  }
  const vocabulary = counts.size;
  const denominators = Array.from(totals, (total) => Math.log(total + smoothing * vocabulary));
  const logLikelihood = new Map<string, Float64Array>();
  for (const [feature, row] of counts) {
    logLikelihood.set(feature, row.map((count, li) => Math.log(count + smoothing) - denominators[li]!));
  }
  const allDocs = docs.reduce((sum, n) => sum + n, 0);
  const logPrior = docs.map((n) => Math.log((n + 1) / (allDocs + labels.length)));
  return { labels, logPrior, logLikelihood };
}

/**
 * Trains a model from the built-in set plus extra examples (a tenant's staff corrections, which weigh more than
 * built-ins). Pure and deterministic: the same corrections always give the same model.
 *
 * @example
 * const model = trainComplaintModel([{ text: '门禁卡又刷不开了', category: 'other' }]);
 * classifyComplaint(model, '门禁卡刷不开').category.value // 'other'
 */
export function trainComplaintModel(extra: readonly LabelledComplaint[] = []): ComplaintModel {
  return trainComplaintModelOn(TRAINING_SET, extra);
}

/**
 * `trainComplaintModel` with the built-in examples and the knobs made explicit — for cross-validating the training
 * set against itself without touching the held-out evaluation set.
 */
export function trainComplaintModelOn(builtIn: readonly LabelledComplaint[], extra: readonly LabelledComplaint[] = [], options: Partial<ComplaintTrainingOptions> = {}): ComplaintModel {
  const settings = { ...DEFAULT_TRAINING, ...options };
  const documents: TrainingDocument[] = [];
  const add = (labels: LabelledComplaint, weight: number) => {
    const features = featureWeights(tokenizeComplaint(labels.text).tokens, settings.bigramWeight);
    const mass = [...features.values()].reduce((sum, w) => sum + w, 0);
    if (features.size > 0) documents.push({ features, mass, weight, labels });
  };
  for (const example of builtIn) add(example, 1);
  for (const category of COMPLAINT_CATEGORIES) {
    for (const keyword of CATEGORY_LEXICON[category]) add({ text: keyword, category }, settings.lexiconWeight);
  }
  for (const correction of extra) add(correction, settings.correctionWeight);
  return {
    version: `${MODEL_FAMILY}+c${extra.length}`,
    bigramWeight: settings.bigramWeight,
    category: trainHead(COMPLAINT_CATEGORIES, documents, settings.smoothing, (doc) => doc.category),
    severity: trainHead(COMPLAINT_SEVERITIES, documents, settings.toneSmoothing, (doc) => doc.severity),
    sentiment: trainHead(COMPLAINT_SENTIMENTS, documents, settings.toneSmoothing, (doc) => doc.sentiment),
  };
}

/** The base model, trained once on the built-in set and cached. */
export function baseComplaintModel(): ComplaintModel {
  cachedBaseModel ??= trainComplaintModel();
  return cachedBaseModel;
}

type HeadScore<L extends string> = { ranked: { label: L; posterior: number }[]; known: number; scores: Float64Array };

function scoreHead<L extends string>(head: NaiveBayesHead<L>, features: ReadonlyMap<string, number>): HeadScore<L> {
  const scores = Float64Array.from(head.logPrior);
  let known = 0;
  for (const [feature, weight] of features) {
    const row = head.logLikelihood.get(feature);
    if (!row) continue;
    known += weight;
    for (let li = 0; li < scores.length; li += 1) scores[li] = scores[li]! + weight * row[li]!;
  }
  // Naive Bayes treats overlapping words and bigrams as independent evidence, which makes raw posteriors close to
  // 0 or 1. Dividing the log scores by a temperature that grows with the evidence count tempers that overconfidence.
  // TEMPERATURE_SCALE was fitted so that, in cross-validation on the training set, mean confidence ≈ accuracy.
  const temperature = Math.max(1, Math.sqrt(known)) * TEMPERATURE_SCALE;
  const max = Math.max(...scores);
  const exp = Array.from(scores, (score) => Math.exp((score - max) / temperature));
  const sum = exp.reduce((a, b) => a + b, 0);
  const ranked = head.labels.map((label, li) => ({ label, posterior: exp[li]! / sum })).sort((a, b) => b.posterior - a.posterior);
  return { ranked, known, scores };
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Which slices of the text to show for a feature: words as themselves; a bigram only when it is not part of a longer word. */
function displayUnits(tokens: readonly ComplaintToken[]): Map<ComplaintToken, ComplaintToken> {
  const words = tokens.filter((token) => token.kind === 'word');
  // owner[i] = the word token covering character i, so each bigram is placed in constant time (texts run to 20k chars).
  const owner = new Map<number, ComplaintToken>();
  for (const w of words) for (let i = w.start; i < w.end; i += 1) owner.set(i, w);
  const units = new Map<ComplaintToken, ComplaintToken>();
  for (const token of tokens) {
    if (token.kind === 'word') {
      units.set(token, token);
      continue;
    }
    const left = owner.get(token.start);
    const right = owner.get(token.end - 1);
    if (left && left === right) {
      units.set(token, left);
      continue;
    }
    // A bigram across two single-character words is a word jieba did not know (e.g. a typo); one that cuts
    // through a longer word, or is made of dropped function words, would read as noise.
    const overlapping = [left, right].filter((w): w is ComplaintToken => w !== undefined);
    if (overlapping.length > 0 && overlapping.every((w) => token.start <= w.start && w.end <= token.end)) units.set(token, token);
  }
  return units;
}

function categoryDrivers(model: ComplaintModel, tokens: readonly ComplaintToken[], winner: number, runnerUp: number): { word: string; label: string; weight: number }[] {
  const units = displayUnits(tokens);
  const bySurface = new Map<string, { start: number; weight: number }>();
  const seen = new Set<string>();
  for (const token of tokens) {
    if (seen.has(token.feature)) continue; // features are binarised in the model, so count each once here too
    seen.add(token.feature);
    const row = model.category.logLikelihood.get(token.feature);
    const unit = units.get(token);
    if (!row || !unit) continue;
    const contribution = (token.kind === 'bigram' ? model.bigramWeight : 1) * (row[winner]! - row[runnerUp]!);
    const entry = bySurface.get(unit.surface) ?? { start: unit.start, weight: 0 };
    entry.weight += contribution;
    bySurface.set(unit.surface, entry);
  }
  const label = model.category.labels[winner]!;
  return [...bySurface]
    .filter(([, entry]) => entry.weight > 0.05)
    .sort((a, b) => b[1].weight - a[1].weight || a[1].start - b[1].start)
    .map(([word, entry]) => ({ word, label, weight: round(entry.weight) }));
}

const SEVERITY_RANK: Record<ComplaintSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

function severityCues(text: string): { level: ComplaintSeverity; word: string }[] {
  const found: { level: ComplaintSeverity; word: string }[] = [];
  for (const cue of SEVERITY_CUES) {
    const match = cue.pattern.exec(text);
    if (match && !found.some((f) => f.word === match[0])) found.push({ level: cue.level, word: match[0] });
  }
  return found.sort((a, b) => SEVERITY_RANK[b.level] - SEVERITY_RANK[a.level]);
}

/**
 * Classifies one complaint: category, severity and sentiment with their posteriors, plus the words that drove them.
 * Empty or whitespace-only text is `other` with low confidence.
 *
 * @example
 * classifyComplaint(baseComplaintModel(), '发票开错了，税号不对').category.value // 'billing'
 */
export function classifyComplaint(model: ComplaintModel, text: string): ComplaintClassification {
  const { language, tokens } = tokenizeComplaint(text);
  if (tokens.length === 0) {
    return {
      category: { value: 'other', confidence: round(1 / COMPLAINT_CATEGORIES.length) },
      severity: { value: 'low', confidence: round(1 / COMPLAINT_SEVERITIES.length) },
      sentiment: { value: 'neutral', confidence: round(1 / COMPLAINT_SENTIMENTS.length) },
      drivers: [],
      language,
      model_version: model.version,
    };
  }
  const features = featureWeights(tokens, model.bigramWeight);

  const category = scoreHead(model.category, features);
  const severity = scoreHead(model.severity, features);
  const sentiment = scoreHead(model.sentiment, features);

  // With nothing the model has seen, every head would only echo its priors: say "other", with a confidence no
  // better than guessing among the seven categories, and let only the explicit severity/sentiment cues speak.
  const unknown = category.known === 0;
  const winner = unknown ? { label: 'other' as const, posterior: 1 / COMPLAINT_CATEGORIES.length } : category.ranked[0]!;
  const runnerUp = category.ranked[1]!;
  const drivers = unknown ? [] : categoryDrivers(model, tokens, COMPLAINT_CATEGORIES.indexOf(winner.label), COMPLAINT_CATEGORIES.indexOf(runnerUp.label));

  const predictedSeverity = unknown ? { label: 'low' as const, posterior: 1 / COMPLAINT_SEVERITIES.length } : severity.ranked[0]!;
  let severityValue: ComplaintSeverity = predictedSeverity.label;
  let severityConfidence = predictedSeverity.posterior;
  const cues = severityCues(text);
  const strongest = cues[0];
  if (strongest && SEVERITY_RANK[strongest.level] > SEVERITY_RANK[severityValue]) {
    severityValue = strongest.level;
    // A rule fired, not a vote: confidence grows with the number of independent cues.
    severityConfidence = Math.min(0.95, 0.6 + 0.1 * cues.length);
  }
  const severityDrivers = cues
    .filter((cue) => SEVERITY_RANK[cue.level] >= SEVERITY_RANK[severityValue] - 1)
    .slice(0, 2)
    .map((cue) => ({ word: cue.word, label: cue.level, weight: cue.level === 'critical' ? 2 : 1 }));

  const predictedSentiment = unknown ? { label: 'neutral' as const, posterior: 1 / COMPLAINT_SENTIMENTS.length } : sentiment.ranked[0]!;
  let sentimentValue: ComplaintSentiment = predictedSentiment.label;
  let sentimentConfidence = predictedSentiment.posterior;
  const angry = VERY_NEGATIVE_CUES.test(text) || cues.some((cue) => cue.level === 'critical' && /起诉|律师|解约|换|lawyer|sue|terminat|provider|vendor/iu.test(cue.word));
  if (angry && sentimentValue !== 'very_negative') {
    sentimentValue = 'very_negative';
    sentimentConfidence = Math.max(0.6, sentiment.ranked.find((r) => r.label === 'very_negative')!.posterior);
  }

  // Severity cues get their own entries (labelled with the severity) even when the same word also drove the category.
  const merged = [...drivers.slice(0, MAX_DRIVERS - severityDrivers.length), ...severityDrivers];
  return {
    category: { value: winner.label, confidence: round(winner.posterior) },
    severity: { value: severityValue, confidence: round(severityConfidence) },
    sentiment: { value: sentimentValue, confidence: round(sentimentConfidence) },
    drivers: merged.sort((a, b) => b.weight - a.weight).slice(0, MAX_DRIVERS),
    language,
    model_version: model.version,
  };
}
