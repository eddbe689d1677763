// The assistant's view: the product's attributes, the listing written from them in Chinese and
// English (editable), and the drafts saved in storage.
import type { App } from '@jingmai/sdk';
import {
  Button,
  EmptyState,
  FormField,
  Input,
  TextArea,
  ThemeProvider,
  useConsoleContext,
} from '@jingmai/ui';
import { useEffect, useState } from 'preact/hooks';
import { type DraftSummary, listDrafts, loadDraft, saveDraft } from './drafts.js';
import { LANGUAGES, type Language, type Listing, type ProductAttributes } from './listing.js';
import type { ListingGenerator } from './listing-generator.js';
import { localListingGenerator } from './local-engine.js';
import { messagesFor } from './messages.js';

type Form = Record<Exclude<keyof ProductAttributes, 'features'> | 'features', string>;

const EMPTY_FORM: Form = { category: '', brand: '', material: '', size: '', color: '', features: '' };
const FIELDS = ['category', 'brand', 'material', 'size', 'color'] as const;

function toAttributes(form: Form): ProductAttributes {
  return {
    category: form.category.trim(),
    brand: form.brand.trim(),
    material: form.material.trim(),
    size: form.size.trim(),
    color: form.color.trim(),
    features: form.features
      .split(/[,，、;；\n]/)
      .map((feature) => feature.trim())
      .filter(Boolean),
  };
}

function toForm(attributes: ProductAttributes): Form {
  return { ...attributes, features: attributes.features.join('、') };
}

export interface AssistantAppProps {
  readonly app: App;
  /** Writes the listings; the local engine unless a server-backed one is given. */
  readonly generator?: ListingGenerator;
}

export function AssistantApp({ app, generator = localListingGenerator }: AssistantAppProps) {
  const context = useConsoleContext(app);
  const text = messagesFor(context?.locale);
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [listings, setListings] = useState<Record<Language, Listing> | null>(null);
  const [drafts, setDrafts] = useState<readonly DraftSummary[]>([]);
  const [missingCategory, setMissingCategory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refreshDrafts = () =>
    listDrafts(app)
      .then(setDrafts)
      .catch((cause: Error) => setError(cause.message));
  useEffect(() => {
    void refreshDrafts();
  }, [app]);

  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const generate = () => {
    const attributes = toAttributes(form);
    setMissingCategory(!attributes.category);
    if (!attributes.category) return;
    void attempt(async () => {
      const [zh, en] = await Promise.all(
        LANGUAGES.map((language) => generator.generate(attributes, language)),
      );
      setListings({ zh: zh as Listing, en: en as Listing });
    });
  };
  const save = () => {
    if (!listings) return;
    void attempt(async () => {
      const key = await saveDraft(app, {
        attributes: toAttributes(form),
        listings,
        savedAt: new Date().toISOString(),
      });
      await app.ui.toast({
        message: text.saved(key.slice('drafts/'.length, -'.json'.length)),
        tone: 'success',
      });
      await refreshDrafts();
    });
  };
  const open = (key: string) =>
    attempt(async () => {
      const draft = await loadDraft(app, key);
      setForm(toForm(draft.attributes));
      setListings({ zh: draft.listings.zh, en: draft.listings.en });
      setMissingCategory(false);
    });
  const edit = (language: Language, change: Partial<Listing>) =>
    setListings((current) => current && { ...current, [language]: { ...current[language], ...change } });

  return (
    <ThemeProvider theme={context?.theme} locale={context?.locale}>
      <div class="assistant">
        <h1>{text.title}</h1>
        {/* The frame is sandboxed without allow-forms, where a form never submits (no submit event,
            no Enter): the button and Enter in a field generate directly. */}
        <form
          class="assistant-form"
          aria-label={text.attributes}
          onSubmit={(event) => event.preventDefault()}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
            event.preventDefault();
            generate();
          }}
        >
          {FIELDS.map((field) => (
            <FormField
              key={field}
              label={text[field]}
              required={field === 'category'}
              error={field === 'category' && missingCategory ? text.categoryRequired : undefined}
            >
              <Input
                name={field}
                value={form[field]}
                maxLength={60}
                onInput={(event) => setForm({ ...form, [field]: event.currentTarget.value })}
              />
            </FormField>
          ))}
          <FormField label={text.features} hint={text.featuresHint}>
            <Input
              name="features"
              value={form.features}
              maxLength={300}
              onInput={(event) => setForm({ ...form, features: event.currentTarget.value })}
            />
          </FormField>
          <Button type="button" variant="primary" busy={busy} onClick={generate}>
            {text.generate}
          </Button>
          <p class="assistant-note">{text.engineNote}</p>
        </form>
        {error && (
          <p class="assistant-error" role="alert">
            {error}
          </p>
        )}
        {listings && (
          <div class="assistant-listings">
            {LANGUAGES.map((language) => (
              <section
                key={language}
                class="assistant-listing"
                aria-label={text.language[language]}
                lang={language}
              >
                <h2>{text.language[language]}</h2>
                <FormField label={text.listingTitle}>
                  <Input
                    name={`title-${language}`}
                    value={listings[language].title}
                    onInput={(event) => edit(language, { title: event.currentTarget.value })}
                  />
                </FormField>
                <FormField label={text.sellingPoints} hint={text.sellingPointsHint}>
                  <TextArea
                    name={`points-${language}`}
                    rows={5}
                    value={listings[language].sellingPoints.join('\n')}
                    onInput={(event) =>
                      edit(language, { sellingPoints: event.currentTarget.value.split('\n') })
                    }
                  />
                </FormField>
              </section>
            ))}
            <Button variant="primary" busy={busy} onClick={save}>
              {text.save}
            </Button>
          </div>
        )}
        <section class="assistant-drafts" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{text.drafts}</h2>
          {drafts.length === 0 ? (
            <EmptyState title={text.noDrafts} description={text.noDraftsHint} />
          ) : (
            <ul>
              {drafts.map((draft) => (
                <li key={draft.key}>
                  <Button
                    size="small"
                    variant="text"
                    aria-label={text.open(draft.name)}
                    onClick={() => open(draft.key)}
                  >
                    {draft.name}
                  </Button>
                  <small>{new Date(draft.lastModified).toLocaleString(context?.locale)}</small>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </ThemeProvider>
  );
}
