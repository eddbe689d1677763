// What the local engine knows about words: Chinese and English names of common categories,
// materials and colours, and selling features with their weight (how much a buyer cares) and
// phrasing. Words it does not know are used as the merchant typed them.

export interface Term {
  readonly zh: string;
  readonly en: string;
}

export const CATEGORIES: readonly Term[] = [
  { zh: 'T恤', en: 'T-shirt' },
  { zh: '背包', en: 'backpack' },
  { zh: '双肩包', en: 'backpack' },
  { zh: '保温杯', en: 'insulated bottle' },
  { zh: '运动鞋', en: 'sneakers' },
  { zh: '冲锋衣', en: 'rain jacket' },
  { zh: '连衣裙', en: 'dress' },
  { zh: '耳机', en: 'earphones' },
  { zh: '毛衣', en: 'sweater' },
  { zh: '行李箱', en: 'suitcase' },
];

export const MATERIALS: readonly Term[] = [
  { zh: '纯棉', en: 'cotton' },
  { zh: '不锈钢', en: 'stainless steel' },
  { zh: '真皮', en: 'leather' },
  { zh: '尼龙', en: 'nylon' },
  { zh: '羊毛', en: 'wool' },
  { zh: '硅胶', en: 'silicone' },
  { zh: '涤纶', en: 'polyester' },
  { zh: '铝合金', en: 'aluminium' },
];

export const COLORS: readonly Term[] = [
  { zh: '黑色', en: 'black' },
  { zh: '白色', en: 'white' },
  { zh: '红色', en: 'red' },
  { zh: '蓝色', en: 'blue' },
  { zh: '灰色', en: 'grey' },
  { zh: '绿色', en: 'green' },
  { zh: '粉色', en: 'pink' },
  { zh: '卡其色', en: 'khaki' },
];

/** A selling feature: the words that name it, how much it sells, and how to say it. */
export interface FeatureRule {
  readonly keywords: readonly string[];
  readonly weight: number;
  readonly zh: { readonly short: string; readonly point: string };
  readonly en: { readonly short: string; readonly point: string };
}

export const FEATURES: readonly FeatureRule[] = [
  {
    keywords: ['防水', 'waterproof'],
    weight: 9,
    zh: { short: '防水', point: '防水面料，雨天出行不怕湿' },
    en: { short: 'Waterproof', point: 'Waterproof fabric keeps everything dry in the rain' },
  },
  {
    keywords: ['降噪', 'noise cancelling', 'noise-cancelling', 'anc'],
    weight: 9,
    zh: { short: '降噪', point: '主动降噪，通勤路上也能专注' },
    en: { short: 'Noise-Cancelling', point: 'Active noise cancelling for a focused commute' },
  },
  {
    keywords: ['轻便', '轻量', 'lightweight', 'light'],
    weight: 8,
    zh: { short: '轻便', point: '轻量设计，长时间携带不累' },
    en: { short: 'Lightweight', point: 'Lightweight design you can carry all day' },
  },
  {
    keywords: ['保温', 'insulated', 'keeps warm'],
    weight: 8,
    zh: { short: '长效保温', point: '长效保温，冬天也能喝上热水' },
    en: { short: 'Insulated', point: 'Keeps drinks hot for hours, even in winter' },
  },
  {
    keywords: ['无线', 'wireless', 'bluetooth', '蓝牙'],
    weight: 8,
    zh: { short: '无线', point: '无线连接，摆脱线材束缚' },
    en: { short: 'Wireless', point: 'Wireless connection with no cables in the way' },
  },
  {
    keywords: ['大容量', 'large capacity', 'spacious'],
    weight: 7,
    zh: { short: '大容量', point: '大容量分区收纳，物品一目了然' },
    en: { short: 'Spacious', point: 'Roomy compartments keep things organised' },
  },
  {
    keywords: ['透气', 'breathable'],
    weight: 7,
    zh: { short: '透气', point: '透气舒适，久穿不闷' },
    en: { short: 'Breathable', point: 'Breathable and comfortable all day' },
  },
  {
    keywords: ['速干', 'quick-dry', 'quick dry'],
    weight: 7,
    zh: { short: '速干', point: '速干面料，运动出汗也清爽' },
    en: { short: 'Quick-Dry', point: 'Quick-dry fabric stays fresh during workouts' },
  },
  {
    keywords: ['耐磨', '耐用', 'durable'],
    weight: 6,
    zh: { short: '耐磨', point: '耐磨耐用，经得起日常使用' },
    en: { short: 'Durable', point: 'Durable enough for everyday use' },
  },
  {
    keywords: ['环保', 'eco-friendly', 'recycled'],
    weight: 5,
    zh: { short: '环保', point: '环保材料，对地球更友好' },
    en: { short: 'Eco-Friendly', point: 'Made with eco-friendly materials' },
  },
  {
    keywords: ['可机洗', 'machine washable', 'washable'],
    weight: 4,
    zh: { short: '可机洗', point: '支持机洗，打理省心' },
    en: { short: 'Machine-Washable', point: 'Machine washable for easy care' },
  },
  {
    keywords: ['送礼', '礼盒', 'gift'],
    weight: 3,
    zh: { short: '礼盒装', point: '精美礼盒包装，送礼有面子' },
    en: { short: 'Gift-Boxed', point: 'Comes in a gift box, ready to give' },
  },
];

/** The term in `language` when `word` is a known name in either language; else the word itself. */
export function translate(word: string, terms: readonly Term[], language: 'zh' | 'en'): string {
  const wanted = word.trim().toLowerCase();
  const term = terms.find((candidate) => candidate.zh === wanted || candidate.en.toLowerCase() === wanted);
  return term ? term[language] : word.trim();
}

/** The rule a feature names, matched on whole keywords regardless of case. */
export function featureRule(feature: string): FeatureRule | undefined {
  const wanted = feature.trim().toLowerCase();
  return FEATURES.find((rule) => rule.keywords.includes(wanted));
}
