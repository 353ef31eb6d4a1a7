import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * One feature of a complaint text. `feature` is what the model counts (normalised, prefixed by kind);
 * `surface` is the exact slice of the original text it came from, so explanations quote the customer.
 */
export type ComplaintToken = {
  feature: string;
  surface: string;
  kind: 'word' | 'bigram';
  /** Offsets into the original text: [start, end). */
  start: number;
  end: number;
};

export type TokenizedComplaint = {
  language: 'zh' | 'en';
  tokens: ComplaintToken[];
};

/**
 * Words of the MSP trade that the stock jieba dictionary splits into single characters ("工单" → 工/单)
 * or glues to neighbours. Loaded once beside the bundled dictionary; frequencies high enough to win.
 */
const DOMAIN_WORDS = [
  '工单', '误报', '漏报', '宕机', '断网', '掉线', '运维', '巡检', '驻场', '机房', '机柜', '补丁', '备份',
  '回滚', '扩容', '告警', '发票', '多收', '少开', '开错', '退款', '对账', '续费', '报价', '工程师', '客服',
  '没人理', '不理', '推诿', '甩锅', '踢皮球', '闪退', '卡死', '报表', '门户', '监控平台', '响应慢', '不回复',
  '解约', '换供应商', '数据丢失', '全部中断', '挂电话', '不耐烦', '态度差', '服务器', '交换机', '防火墙',
];

let jieba: Jieba | undefined;

// Loading the dictionary costs ~170 ms, so it happens on first use, not on import.
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(new TextEncoder().encode(DOMAIN_WORDS.map((word) => `${word} 20000 n`).join('\n')));
  }
  return jieba;
}

/** Function words that carry no evidence about what the complaint is about. */
const ZH_STOPWORDS = new Set([
  '的', '了', '是', '在', '我', '我们', '你', '你们', '您', '他', '她', '它', '他们', '这', '那', '这个', '那个',
  '这些', '那些', '一个', '和', '与', '及', '以及', '或', '或者', '也', '都', '就', '把', '被', '给', '让', '对',
  '啊', '吧', '呢', '吗', '呀', '哦', '嘛', '啦', '哈', '嗯', '之', '于', '而', '且', '从', '向', '到', '着', '过',
  '地', '得', '要', '会', '能', '可以', '就是', '还是', '所以', '因为', '如果', '但是', '但', '然后', '一下',
  '一直', '其实', '什么', '怎么', '为什么', '这样', '那样', '这么', '那么', '这边', '那边', '贵司', '贵公司',
  '公司', '有', '个', '些', '上', '下', '中', '里', '时', '后', '前', '说', '请', '麻烦', '谢谢', '您好', '你好',
]);

const EN_STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with', 'about', 'as',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'i', 'we',
  'you', 'he', 'she', 'it', 'they', 'me', 'us', 'our', 'your', 'my', 'their', 'its', 'this', 'that', 'these',
  'those', 'there', 'here', 'so', 'if', 'then', 'than', 'just', 'also', 'very', 'would', 'could', 'should', 'will',
  'can', 'please', 'hi', 'hello', 'dear', 'regards', 'thanks', 'thank', 'team', 'which', 'what', 'who', 'when',
  'again', 'into', 'up', 'out', 'all', 'some', 'any', 'one', 'get', 'got', 'let', 'know', 'since',
]);

/** A negator glues onto the next word so "不满意" and "not working" survive as one unit. */
const ZH_NEGATORS = new Set(['不', '没', '没有', '未', '无', '别', '非', '不是', '没人', '从不', '从没', '并不', '并没有']);
const EN_NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'without', 'cannot']);

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN_WORD = /^[a-z0-9][a-z0-9'’.-]*$/u;

/** Strips the commonest English inflections so "responded", "responding", "responds" share a feature. */
function stem(word: string): string {
  const w = word.replace(/['’]s$/u, '');
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function isEnglishNegator(word: string): boolean {
  return EN_NEGATORS.has(word) || /n['’]t$/u.test(word);
}

/** "zh" when Chinese characters are at least as many as Latin words; an English e-mail quoting one 工单 stays "en". */
export function detectLanguage(text: string): 'zh' | 'en' {
  const cjk = (text.match(CJK_RUN) ?? []).reduce((sum, run) => sum + run.length, 0);
  const latinWords = (text.match(/[A-Za-z]{2,}/gu) ?? []).length;
  return cjk > 0 && cjk >= latinWords ? 'zh' : 'en';
}

type RawPiece = { text: string; norm: string; start: number; end: number; cjk: boolean };

/**
 * Tokenizes a complaint: jieba words for Chinese (stopwords and punctuation removed, negators merged with the word
 * they negate), Chinese character bigrams (robust to words jieba does not know and to typos), and lowercase, lightly
 * stemmed English words with the same negation merge.
 *
 * @example
 * tokenizeComplaint('工单没人理，不满意').tokens.map((t) => t.surface) // ['工单', '没人理', '不满意', '工单', '单没', …]
 */
export function tokenizeComplaint(text: string): TokenizedComplaint {
  const language = detectLanguage(text);
  const tokens: ComplaintToken[] = [];
  if (!text.trim()) return { language, tokens };

  // NFKC maps full-width letters and digits to ASCII without changing the string length for CJK text;
  // offsets are taken from the original string so surfaces quote it exactly.
  const pieces: RawPiece[] = [];
  let cursor = 0;
  for (const piece of segmenter().cut(text, true)) {
    const start = text.indexOf(piece, cursor);
    if (start < 0) continue;
    cursor = start + piece.length;
    const norm = piece.normalize('NFKC').toLowerCase().trim();
    if (!norm) continue;
    const cjk = CJK.test(norm);
    if (!cjk && !LATIN_WORD.test(norm)) continue; // punctuation, emoji, symbols
    pieces.push({ text: piece, norm, start, end: cursor, cjk });
  }

  for (let i = 0; i < pieces.length; i += 1) {
    const piece = pieces[i]!;
    const next = pieces[i + 1];
    if (piece.cjk) {
      if (ZH_NEGATORS.has(piece.norm) && next?.cjk && next.start === piece.end && !ZH_STOPWORDS.has(next.norm)) {
        tokens.push(word(`z:${piece.norm}${next.norm}`, text, piece.start, next.end));
        i += 1;
        continue;
      }
      if (ZH_STOPWORDS.has(piece.norm)) continue;
      tokens.push(word(`z:${piece.norm}`, text, piece.start, piece.end));
    } else {
      if (isEnglishNegator(piece.norm) && next && !next.cjk && !EN_STOPWORDS.has(next.norm)) {
        tokens.push(word(`e:not_${stem(next.norm)}`, text, piece.start, next.end));
        i += 1;
        continue;
      }
      if (EN_STOPWORDS.has(piece.norm) || piece.norm.length < 2 || /^\d+$/u.test(piece.norm)) continue;
      tokens.push(word(`e:${stem(piece.norm)}`, text, piece.start, piece.end));
    }
  }

  for (const run of text.matchAll(CJK_RUN)) {
    const chars = run[0];
    for (let k = 0; k + 1 < chars.length; k += 1) {
      const start = run.index + k;
      tokens.push({ feature: `b:${chars.slice(k, k + 2)}`, surface: chars.slice(k, k + 2), kind: 'bigram', start, end: start + 2 });
    }
  }
  return { language, tokens };
}

function word(feature: string, text: string, start: number, end: number): ComplaintToken {
  return { feature, surface: text.slice(start, end), kind: 'word', start, end };
}

/** Loads the jieba dictionary now (e.g. at service start) so the first classification is not the slow one. */
export function warmUpTokenizer(): void {
  segmenter();
}
