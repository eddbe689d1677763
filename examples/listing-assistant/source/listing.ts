// What the assistant works on: a product's structured attributes, and the listing text written
// from them in each language.

/** The language of a listing. */
export type Language = 'zh' | 'en';

export const LANGUAGES: readonly Language[] = ['zh', 'en'];

/** What the merchant knows about the product. Free text, in Chinese or English. */
export interface ProductAttributes {
  readonly category: string;
  readonly brand: string;
  readonly material: string;
  readonly size: string;
  readonly color: string;
  /** Selling features, e.g. "防水", "lightweight". */
  readonly features: readonly string[];
}

/** A title and its selling points in one language. */
export interface Listing {
  readonly title: string;
  readonly sellingPoints: readonly string[];
}

/** What a saved draft holds: the attributes and the (edited) listing in both languages. */
export interface ListingDraft {
  readonly attributes: ProductAttributes;
  readonly listings: Readonly<Record<Language, Listing>>;
  /** ISO time of the save. */
  readonly savedAt: string;
}
