// The app's words: Chinese first, English when the console's locale is English.

export interface Messages {
  readonly title: string;
  readonly attributes: string;
  readonly category: string;
  readonly brand: string;
  readonly material: string;
  readonly size: string;
  readonly color: string;
  readonly features: string;
  readonly featuresHint: string;
  readonly categoryRequired: string;
  readonly generate: string;
  readonly engineNote: string;
  readonly language: Record<'zh' | 'en', string>;
  readonly listingTitle: string;
  readonly sellingPoints: string;
  readonly sellingPointsHint: string;
  readonly save: string;
  readonly saved: (name: string) => string;
  readonly drafts: string;
  readonly open: (name: string) => string;
  readonly noDrafts: string;
  readonly noDraftsHint: string;
}

const zh: Messages = {
  title: '商品文案助手',
  attributes: '商品属性',
  category: '类目',
  brand: '品牌',
  material: '材质',
  size: '规格',
  color: '颜色',
  features: '卖点特征',
  featuresHint: '用逗号或顿号分隔，例如：防水、轻便、大容量',
  categoryRequired: '请填写类目',
  generate: '生成文案',
  engineNote: '文案由本地规则引擎生成（模板与关键词评分），同样的属性总是得到同样的文案。',
  language: { zh: '中文', en: 'English' },
  listingTitle: '标题',
  sellingPoints: '卖点',
  sellingPointsHint: '每行一条',
  save: '保存草稿',
  saved: (name) => `草稿“${name}”已保存`,
  drafts: '草稿',
  open: (name) => `打开草稿 ${name}`,
  noDrafts: '还没有草稿',
  noDraftsHint: '生成并编辑文案后保存，下次可以继续。',
};

const en: Messages = {
  title: 'Listing assistant',
  attributes: 'Product attributes',
  category: 'Category',
  brand: 'Brand',
  material: 'Material',
  size: 'Size',
  color: 'Colour',
  features: 'Features',
  featuresHint: 'Separate with commas, e.g. waterproof, lightweight, spacious',
  categoryRequired: 'Enter a category',
  generate: 'Write listing',
  engineNote:
    'Written by a local rule engine (templates and keyword scoring): the same attributes always give the same text.',
  language: { zh: '中文', en: 'English' },
  listingTitle: 'Title',
  sellingPoints: 'Selling points',
  sellingPointsHint: 'One per line',
  save: 'Save draft',
  saved: (name) => `Draft "${name}" saved`,
  drafts: 'Drafts',
  open: (name) => `Open draft ${name}`,
  noDrafts: 'No drafts yet',
  noDraftsHint: 'Write, edit and save a listing to finish it later.',
};

/** The words for `locale`. */
export function messagesFor(locale: string | undefined): Messages {
  return locale && !locale.toLowerCase().startsWith('zh') ? en : zh;
}
