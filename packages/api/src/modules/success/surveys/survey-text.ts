/**
 * # Free-text feedback: themes and sentiment
 *
 * Words come from Node's built-in Chinese word segmentation (`Intl.Segmenter('zh', { granularity: 'word' })`,
 * ICU's dictionary; English words fall out of it too). The segmenter cuts some domain words apart (宕|机,
 * 客|服), so a keyword also matches two adjacent words, and a one-character keyword (慢, 贵) matches a word
 * that contains it (太慢, 贵了). Themes are groups of such keywords; sentiment is a small lexicon with
 * negation (不, 没有 …) flipping the next word. No model, no dependency: predictable and explainable.
 */

/** A theme customers talk about, with its keywords in both languages. */
export type SurveyTheme = { code: string; label: { zh: string; en: string }; keywords: readonly string[] };

export const SURVEY_THEMES: readonly SurveyTheme[] = [
  { code: 'response_speed', label: { zh: '响应速度', en: 'Response speed' }, keywords: ['响应', '速度', '及时', '慢', '快', '等待', '回复', '延迟', '拖延', '效率', 'response', 'slow', 'fast', 'wait', 'quick', 'delay'] },
  { code: 'engineer_attitude', label: { zh: '工程师态度', en: 'Engineer attitude' }, keywords: ['态度', '耐心', '热情', '礼貌', '敷衍', '专业', '工程师', '客服', '服务态度', 'attitude', 'polite', 'rude', 'friendly', 'professional', 'engineer'] },
  { code: 'price', label: { zh: '价格', en: 'Price' }, keywords: ['价格', '贵', '便宜', '费用', '收费', '性价比', '报价', 'price', 'cost', 'expensive', 'cheap'] },
  { code: 'stability', label: { zh: '稳定性', en: 'Stability' }, keywords: ['稳定', '宕机', '故障', '中断', '崩溃', '卡顿', '掉线', 'stable', 'outage', 'down', 'crash', 'unstable'] },
  { code: 'communication', label: { zh: '沟通', en: 'Communication' }, keywords: ['沟通', '通知', '反馈', '联系', '解释', 'communication', 'informed', 'explain'] },
  { code: 'product', label: { zh: '产品功能', en: 'Product features' }, keywords: ['功能', '界面', '操作', '体验', '报表', '易用', 'feature', 'interface', 'usability', 'report'] },
];

/** Words that carry no theme or sentiment on their own. */
const STOP_WORDS = new Set(['的', '了', '是', '在', '和', '也', '都', '就', '我们', '你们', '他们', '我', '你', '这', '那', '有', '还', '很', '太', '非常', '比较', '一些', '一个', '吧', '呢', '啊', '吗', 'the', 'a', 'an', 'is', 'was', 'are', 'and', 'or', 'to', 'of', 'too', 'very', 'it', 'we']);
const NEGATORS = new Set(['不', '没', '没有', '不太', '并不', '不够', '无', 'not', 'no', "n't", 'never']);

const POSITIVE = ['满意', '好', '不错', '及时', '专业', '耐心', '热情', '感谢', '谢谢', '快', '高效', '稳定', '优秀', '周到', '便宜', '赞', '认可', 'good', 'great', 'fast', 'helpful', 'satisfied', 'thanks', 'excellent', 'stable', 'quick', 'friendly'];
const NEGATIVE = ['慢', '差', '不满', '失望', '贵', '糟糕', '宕机', '故障', '敷衍', '拖延', '问题', '投诉', '崩溃', '卡顿', '中断', '难用', '延迟', '掉线', 'slow', 'bad', 'poor', 'expensive', 'terrible', 'outage', 'crash', 'disappointed', 'rude', 'unstable'];
const POLARITY = new Map<string, number>([...POSITIVE.map((w) => [w, 1] as const), ...NEGATIVE.map((w) => [w, -1] as const)]);
const SINGLE_CHAR = [...POLARITY.keys()].filter((w) => w.length === 1);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The word-like segments of a text, lower-cased, stop words kept (negation needs 不, 没有).
 * @example feedbackWords('响应太慢了') // ['响应', '太慢', '了']
 */
export function feedbackWords(text: string): string[] {
  return [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** Polarity of one word: the lexicon, else a one-character lexicon entry inside it (太慢 → 慢). */
function polarityOf(word: string): number {
  const exact = POLARITY.get(word);
  if (exact !== undefined) return exact;
  if (!/^\p{Script=Han}+$/u.test(word)) return 0;
  const inner = SINGLE_CHAR.find((w) => word.includes(w));
  if (!inner) return 0;
  // 不好, 没快: a word that starts with a negator is already negated.
  return /^[不没]/.test(word) && word !== inner ? -POLARITY.get(inner)! : POLARITY.get(inner)!;
}

export type FeedbackSentiment = 'positive' | 'neutral' | 'negative';

/**
 * Themes and sentiment of one piece of feedback.
 * @example analyzeFeedback('工程师态度很好，但是响应太慢') // { sentiment: 'neutral', themes: ['response_speed', 'engineer_attitude'] }
 */
export function analyzeFeedback(text: string): { sentiment: FeedbackSentiment; themes: string[] } {
  const words = feedbackWords(text);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  const pairs = content.slice(1).map((w, i) => content[i] + w);
  const themes = SURVEY_THEMES.filter((theme) =>
    theme.keywords.some((k) => content.includes(k) || pairs.includes(k) || (k.length === 1 && content.some((w) => /^\p{Script=Han}+$/u.test(w) && w.includes(k)))),
  ).map((t) => t.code);

  let score = 0;
  words.forEach((word, i) => {
    if (STOP_WORDS.has(word) || NEGATORS.has(word)) return;
    // A lexicon word the segmenter cut in two (不|满): count the pair instead of its first half.
    const joined = i > 0 ? POLARITY.get(words[i - 1] + word) : undefined;
    if (joined !== undefined) {
      score += joined - polarityOf(words[i - 1]!);
      return;
    }
    const polarity = polarityOf(word);
    const negated = (i > 0 && NEGATORS.has(words[i - 1]!)) || (i > 1 && NEGATORS.has(words[i - 2]!) && STOP_WORDS.has(words[i - 1]!));
    score += negated ? -polarity : polarity;
  });
  return { sentiment: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral', themes };
}

/**
 * One sentiment and the union of themes for all text answers of a response; no text, no sentiment.
 * @example analyzeResponseTexts(['价格太贵']) // { sentiment: 'negative', themes: ['price'] }
 */
export function analyzeResponseTexts(texts: readonly string[]): { sentiment: FeedbackSentiment | null; themes: string[] } {
  const nonEmpty = texts.filter((t) => t.trim() !== '');
  if (nonEmpty.length === 0) return { sentiment: null, themes: [] };
  const results = nonEmpty.map(analyzeFeedback);
  const balance = results.reduce((sum, r) => sum + (r.sentiment === 'positive' ? 1 : r.sentiment === 'negative' ? -1 : 0), 0);
  const themes = SURVEY_THEMES.map((t) => t.code).filter((code) => results.some((r) => r.themes.includes(code)));
  return { sentiment: balance > 0 ? 'positive' : balance < 0 ? 'negative' : 'neutral', themes };
}
