// The gallery view: choose images to upload (each with its progress, Cancel and Retry), browse the
// stored images a page at a time, make a share link, delete.
import type { App } from '@jingmai/sdk';
import {
  Button,
  EmptyState,
  FormField,
  Input,
  ProgressBar,
  StatusBadge,
  ThemeProvider,
  useConsoleContext,
} from '@jingmai/ui';
import { useId, useState } from 'preact/hooks';
import { imageName } from './image-keys.js';
import { type Messages, messagesFor } from './messages.js';
import { useGallery } from './use-gallery.js';
import { type Upload, useUploads } from './use-uploads.js';

/** Share links last an hour, the longest the platform signs. */
const SHARE_SECONDS = 3600;

interface Share {
  readonly key: string;
  readonly url: string;
  readonly expiresAt: number;
}

function UploadRow({
  upload,
  text,
  onCancel,
  onRetry,
}: {
  upload: Upload;
  text: Messages;
  onCancel(): void;
  onRetry(): void;
}) {
  const name = upload.file.name;
  return (
    <li class="gallery-upload">
      <span class="gallery-upload__name">
        {name} <small>{text.size(upload.total)}</small>
      </span>
      <ProgressBar
        label={name}
        value={upload.loaded}
        max={upload.total}
        tone={upload.state === 'done' ? 'success' : upload.state === 'failed' ? 'danger' : 'brand'}
      />
      {upload.state === 'uploading' && (
        <Button size="small" onClick={onCancel}>
          {text.cancel}
        </Button>
      )}
      {upload.state === 'done' && <StatusBadge tone="success">{text.uploaded}</StatusBadge>}
      {upload.state === 'cancelled' && <StatusBadge tone="neutral">{text.cancelled}</StatusBadge>}
      {upload.state === 'failed' && (
        <span class="gallery-upload__error" role="alert">
          {text.failed(upload.error ?? '')}
        </span>
      )}
      {(upload.state === 'failed' || upload.state === 'cancelled') && (
        <Button size="small" variant="primary" onClick={onRetry}>
          {text.retry}
        </Button>
      )}
    </li>
  );
}

export function GalleryApp({ app }: { app: App }) {
  const context = useConsoleContext(app);
  const text = messagesFor(context?.locale);
  const gallery = useGallery(app);
  const uploads = useUploads(app, gallery.reload);
  const [share, setShare] = useState<Share | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pickerId = useId();

  const makeShare = async (key: string) => {
    try {
      const url = await app.storage.getUrl(key, {
        expiresIn: SHARE_SECONDS,
        download: imageName(key).replace(/"/g, "'"),
      });
      setShare({ key, url, expiresAt: Date.now() + SHARE_SECONDS * 1000 });
    } catch (cause) {
      setError((cause as Error).message);
    }
  };
  const remove = async (key: string) => {
    const name = imageName(key);
    if (!(await app.ui.confirm({ title: text.remove, message: text.confirmRemove(name), tone: 'danger' })))
      return;
    try {
      await app.storage.delete(key);
      if (share?.key === key) setShare(null);
      gallery.reload();
    } catch (cause) {
      setError((cause as Error).message);
    }
  };

  const problem = error ?? gallery.error;
  return (
    <ThemeProvider theme={context?.theme} locale={context?.locale}>
      <div class="gallery">
        <h1>{text.title}</h1>
        <div class="gallery-picker">
          <label class="jm-button jm-button--primary jm-button--medium" for={pickerId}>
            {text.choose}
          </label>
          <input
            id={pickerId}
            class="jm-visually-hidden"
            type="file"
            accept="image/*"
            multiple
            aria-describedby={`${pickerId}-hint`}
            onChange={(event) => {
              const input = event.currentTarget;
              if (input.files) uploads.add(input.files);
              input.value = '';
            }}
          />
          <p id={`${pickerId}-hint`} class="gallery-hint">
            {text.chooseHint}
          </p>
        </div>
        {uploads.uploads.length > 0 && (
          <section aria-label={text.uploads}>
            <ul class="gallery-uploads">
              {uploads.uploads.map((upload) => (
                <UploadRow
                  key={upload.id}
                  upload={upload}
                  text={text}
                  onCancel={() => uploads.cancel(upload.id)}
                  onRetry={() => uploads.retry(upload.id)}
                />
              ))}
            </ul>
          </section>
        )}
        {problem && (
          <p class="gallery-error" role="alert">
            {problem}
          </p>
        )}
        {share && (
          <FormField
            label={text.shareLink(imageName(share.key))}
            hint={text.shareHint(new Date(share.expiresAt).toLocaleTimeString(context?.locale))}
          >
            <Input readOnly value={share.url} onFocus={(event) => event.currentTarget.select()} />
          </FormField>
        )}
        <section aria-label={text.images}>
          {gallery.items.length === 0 ? (
            <EmptyState title={text.empty} description={text.emptyHint} />
          ) : (
            <ul class="gallery-grid">
              {gallery.items.map((item) => {
                const name = imageName(item.key);
                const thumbnail = gallery.thumbnails.get(item.key);
                return (
                  <li key={item.key} class="gallery-item">
                    {thumbnail ? (
                      <img src={thumbnail} alt={name} loading="lazy" />
                    ) : (
                      <div class="gallery-item__placeholder" />
                    )}
                    <span class="gallery-item__name" title={name}>
                      {name}
                    </span>
                    <small>{text.size(item.size)}</small>
                    <span class="gallery-item__actions">
                      <Button
                        size="small"
                        variant="text"
                        onClick={() => makeShare(item.key)}
                        aria-label={`${text.share} ${name}`}
                      >
                        {text.share}
                      </Button>
                      <Button
                        size="small"
                        variant="text"
                        onClick={() => remove(item.key)}
                        aria-label={`${text.remove} ${name}`}
                      >
                        {text.remove}
                      </Button>
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <nav class="gallery-pages" aria-label={text.page(gallery.page + 1)}>
          <Button size="small" disabled={gallery.page === 0} onClick={gallery.previous}>
            {text.previous}
          </Button>
          <span aria-current="page">{text.page(gallery.page + 1)}</span>
          <Button size="small" disabled={!gallery.hasNext} onClick={gallery.next}>
            {text.next}
          </Button>
        </nav>
      </div>
    </ThemeProvider>
  );
}
