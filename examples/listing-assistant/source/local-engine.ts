// The local listing engine: keyword scoring picks the features that sell best, templates turn
// them with the category, brand, material, size and colour into a title and selling points. No
// randomness and no clock, so the same attributes always give the same text.
import { CATEGORIES, COLORS, type FeatureRule, featureRule, MATERIALS, translate } from './lexicon.js';
import type { Language, Listing, ProductAttributes } from './listing.js';
import type { ListingGenerator } from './listing-generator.js';

/** Marketplace title limits: characters for Chinese, letters for English. */
const TITLE_LIMIT: Record<Language, number> = { zh: 30, en: 80 };
const MAX_POINTS = 5;
/** Chinese characters: a feature the engine does not know and cannot translate stays out of English. */
const CJK = /[\u3400-\u9fff]/;

interface ScoredFeature {
  readonly rule: FeatureRule | undefined;
  readonly text: string;
  readonly score: number;
}

/** Known features by weight; unknown ones after them. Ties keep the merchant's order. */
export function rankFeatures(features: readonly string[]): ScoredFeature[] {
  const seen = new Set<FeatureRule | string>();
  const scored: ScoredFeature[] = [];
  for (const text of features.map((feature) => feature.trim()).filter(Boolean)) {
    const rule = featureRule(text);
    const identity = rule ?? text.toLowerCase();
    if (seen.has(identity)) continue;
    seen.add(identity);
    scored.push({ rule, text, score: rule?.weight ?? 1 });
  }
  // Array.prototype.sort is stable, so equal scores stay in the merchant's order.
  return scored.sort((a, b) => b.score - a.score);
}

function titleCase(text: string): string {
  return text.replace(
    /(^|[\s-])([a-z])/g,
    (_, space: string, letter: string) => space + letter.toUpperCase(),
  );
}

function shortOf(feature: ScoredFeature, language: Language): string {
  return feature.rule ? feature.rule[language].short : feature.text;
}

function pointOf(feature: ScoredFeature, language: Language): string {
  if (feature.rule) return feature.rule[language].point;
  return language === 'zh' ? `${feature.text}，细节用心` : `${titleCase(feature.text)}, down to the details`;
}

/** Joins title parts, dropping the least important ones (last first) until it fits. */
function fitTitle(parts: readonly (readonly string[])[], language: Language): string {
  const join = (groups: readonly (readonly string[])[]) =>
    groups
      .map((group) => group.filter(Boolean).join(language === 'zh' ? '' : ' '))
      .filter(Boolean)
      .join(language === 'zh' ? ' ' : ', ');
  let kept = parts;
  while (kept.length > 1 && [...join(kept)].length > TITLE_LIMIT[language]) kept = kept.slice(0, -1);
  return [...join(kept)].slice(0, TITLE_LIMIT[language]).join('');
}

/** Writes the listing for `attributes` in `language`. */
export function writeListing(attributes: ProductAttributes, language: Language): Listing {
  const category = translate(attributes.category, CATEGORIES, language);
  const material = translate(attributes.material, MATERIALS, language);
  const color = translate(attributes.color, COLORS, language);
  const size = attributes.size.trim();
  const brand = attributes.brand.trim();
  const ranked = rankFeatures(attributes.features).filter(
    (feature) => language === 'zh' || feature.rule || !CJK.test(feature.text),
  );
  const [first, second] = ranked;
  const shorts = [first, second].flatMap((feature) => (feature ? [shortOf(feature, language)] : []));

  // Most important first: brand, top features, material and category; then colour; then size.
  const title =
    language === 'zh'
      ? fitTitle([[brand], [shorts.join(''), material, category], [color], [size]], language)
      : fitTitle(
          [
            [titleCase(brand), ...shorts, titleCase(material), titleCase(category)],
            [titleCase(color)],
            [size],
          ],
          language,
        );

  const points = ranked.slice(0, MAX_POINTS - 1).map((feature) => pointOf(feature, language));
  const detail =
    language === 'zh'
      ? [material && `${material}材质`, color && `${color}配色`, size && `${size}规格`]
          .filter(Boolean)
          .join('，')
      : [material && `Made of ${material}`, color && `in ${color}`, size && `size ${size}`]
          .filter(Boolean)
          .join(', ');
  if (detail)
    points.push(
      language === 'zh' ? `${detail}，品质可靠` : `${detail.charAt(0).toUpperCase()}${detail.slice(1)}`,
    );
  return { title, sellingPoints: points };
}

/** The engine as a {@link ListingGenerator}. */
export const localListingGenerator: ListingGenerator = {
  generate: async (attributes, language) => writeListing(attributes, language),
};
