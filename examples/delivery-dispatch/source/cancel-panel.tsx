// Cancelling a delivery: a reason from the platform's list (with text for "other"), the console's
// confirmation, and the fee the platform kept.
import type { App } from '@jingmai/sdk';
import { Button, FormField, Input, Select } from '@jingmai/ui';
import { useEffect, useState } from 'preact/hooks';
import type { Messages } from './messages.js';

/** Miaosong's "other" reason, which needs the merchant's own words. */
const OTHER_REASON = 10000;

export interface CancelPanelProps {
  readonly app: App;
  readonly orderId: string;
  readonly text: Messages;
  readonly onCancel: (orderId: string, reason: { id: number; text?: string }) => Promise<number>;
}

export function CancelPanel({ app, orderId, text, onCancel }: CancelPanelProps) {
  const [reasons, setReasons] = useState<{ id: number; reason: string }[]>([]);
  const [reasonId, setReasonId] = useState<number | null>(null);
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    app.delivery
      .cancelReasons()
      .then((list) => {
        setReasons(list);
        setReasonId(list[0]?.id ?? null);
      })
      .catch((cause: Error) => setError(cause.message));
  }, [app]);

  const needsText = reasonId === OTHER_REASON;
  const submit = async () => {
    if (reasonId === null || (needsText && !details.trim())) return;
    setError(null);
    const confirmed = await app.ui.confirm({
      title: text.cancel,
      message: text.confirmCancel(orderId),
      tone: 'danger',
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      await onCancel(orderId, needsText ? { id: reasonId, text: details.trim() } : { id: reasonId });
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="dispatch-cancel">
      <FormField label={text.cancelReason} error={error ?? undefined}>
        <Select
          value={reasonId === null ? '' : String(reasonId)}
          onChange={(event) => setReasonId(Number(event.currentTarget.value))}
        >
          {reasons.map((reason) => (
            <option key={reason.id} value={String(reason.id)}>
              {reason.reason}
            </option>
          ))}
        </Select>
      </FormField>
      {needsText && (
        <FormField label={text.cancelText} required>
          <Input value={details} maxLength={200} onInput={(event) => setDetails(event.currentTarget.value)} />
        </FormField>
      )}
      <Button
        variant="danger"
        busy={busy}
        disabled={reasonId === null || (needsText && !details.trim())}
        onClick={submit}
      >
        {text.cancel}
      </Button>
    </div>
  );
}
