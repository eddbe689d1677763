// The app's storage area in the OSS shim, through the platform server's storage routes (so it sees
// exactly the app's prefix for the current shop): list, image preview, download, delete.
import type { PlatformClient } from '@jingmai/host';
import type { ObjectSummary } from '@jingmai/protocol';
import { Button } from '@jingmai/ui';
import { useEffect, useState } from 'preact/hooks';
import { type AppActivity, useActivity } from '../activity';

const IMAGE = /\.(?:png|jpe?g|gif|webp|svg|avif)$/i;
const PAGE = 1000;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function Preview(props: { platform: PlatformClient; appId: string; objectKey: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    props.platform
      .storage(props.appId, 'presignGet', { key: props.objectKey, expiresIn: 300 })
      .then((answer) => setUrl(answer.url))
      .catch(() => setUrl(undefined));
  }, [props.platform, props.appId, props.objectKey]);
  return url ? <img class="preview" src={url} alt={`Preview of ${props.objectKey}`} /> : null;
}

export function StorageBrowser(props: {
  platform: PlatformClient;
  appId: string;
  shopId: string;
  activity: AppActivity;
}) {
  const { platform, appId } = props;
  useActivity(props.activity);
  const [items, setItems] = useState<readonly ObjectSummary[]>([]);
  const [error, setError] = useState('');
  const [previews, setPreviews] = useState<ReadonlySet<string>>(new Set());
  // The app's own writes refresh the list.
  const writes = props.activity.calls.filter(
    (call) => call.ok && (call.method === 'storage.put' || call.method === 'storage.delete'),
  ).length;

  const refresh = async () => {
    try {
      const all: ObjectSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = await platform.storage(appId, 'list', { limit: PAGE, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        cursor = page.cursor ?? undefined;
      } while (cursor && all.length < 10 * PAGE);
      setItems(all);
      setError('');
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  useEffect(() => {
    void refresh();
  }, [platform, appId, props.shopId, writes]);

  const download = async (key: string) => {
    const { url } = await platform.storage(appId, 'presignGet', { key, download: true });
    const link = document.createElement('a');
    link.href = url;
    link.click();
  };
  const remove = async (key: string) => {
    await platform.storage(appId, 'delete', { key }).catch((caught: Error) => setError(caught.message));
    await refresh();
  };

  return (
    <section class="storage-browser">
      <div class="toolbar">
        <Button size="small" onClick={() => void refresh()}>
          Refresh
        </Button>
        <span class="hint">
          {items.length} object(s) of {appId} in shop {props.shopId}
        </span>
      </div>
      {error && <p class="error">{error}</p>}
      <table>
        <thead>
          <tr>
            <th>Key</th>
            <th>Size</th>
            <th>Modified</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.key} data-key={item.key}>
              <td>
                <code>{item.key}</code>
                {previews.has(item.key) && <Preview platform={platform} appId={appId} objectKey={item.key} />}
              </td>
              <td>{formatSize(item.size)}</td>
              <td>{new Date(item.lastModified).toLocaleString('en-GB')}</td>
              <td class="actions">
                {IMAGE.test(item.key) && (
                  <Button
                    size="small"
                    onClick={() => {
                      const next = new Set(previews);
                      if (!next.delete(item.key)) next.add(item.key);
                      setPreviews(next);
                    }}
                  >
                    Preview
                  </Button>
                )}
                <Button size="small" onClick={() => void download(item.key)}>
                  Download
                </Button>
                <Button size="small" variant="danger" onClick={() => void remove(item.key)}>
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
