// The live bridge inspector: every call of the app with its arguments, result or error, duration
// and the scope decision; filtered by text, method and outcome; exported as a JSON download.
import type { CallRecord } from '@jingmai/host';
import { useMemo, useState } from 'preact/hooks';
import type { AppActivity } from '../activity';
import { useActivity } from '../activity';
import { type CallFilter, filterCalls, NO_FILTER, type Outcome, outcomeOf } from './call-filter';
import { callToJson, exportCalls } from './call-json';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function CallRow({ record }: { record: CallRecord }) {
  const outcome = outcomeOf(record);
  const time = new Date(record.startedAt).toLocaleTimeString('en-GB');
  return (
    <details class="call" data-outcome={outcome} data-method={record.method}>
      <summary>
        <span class="call-time">{time}</span>
        <span class="call-method">{record.method}</span>
        <span class={`badge badge-${outcome}`}>
          {record.ok
            ? 'ok'
            : `${record.decision === 'refused' ? 'refused' : 'failed'} ${record.error?.code ?? ''}`}
        </span>
        <span class="call-duration">{record.durationMs.toFixed(1)} ms</span>
      </summary>
      <pre>{JSON.stringify(callToJson(record), null, 2)}</pre>
    </details>
  );
}

export function Inspector({ appId, activity }: { appId: string; activity: AppActivity }) {
  useActivity(activity);
  const [filter, setFilter] = useState<CallFilter>(NO_FILTER);
  const methods = useMemo(
    () => [...new Set(activity.calls.map((call) => call.method))].sort(),
    [activity.calls],
  );
  const shown = filterCalls(activity.calls, filter).reverse();
  return (
    <section class="inspector">
      <div class="toolbar">
        <input
          type="search"
          placeholder="Filter calls"
          aria-label="Filter calls"
          value={filter.text}
          onInput={(event) => setFilter({ ...filter, text: event.currentTarget.value })}
        />
        <select
          aria-label="Method"
          value={filter.method}
          onChange={(event) => setFilter({ ...filter, method: event.currentTarget.value })}
        >
          <option value="">All methods</option>
          {methods.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
        <select
          aria-label="Outcome"
          value={filter.outcome}
          onChange={(event) =>
            setFilter({ ...filter, outcome: event.currentTarget.value as Outcome | 'all' })
          }
        >
          <option value="all">All outcomes</option>
          <option value="ok">ok</option>
          <option value="failed">failed</option>
          <option value="refused">refused</option>
        </select>
        <button type="button" onClick={() => download(`${appId}-calls.json`, exportCalls(appId, shown))}>
          Export JSON
        </button>
        <button type="button" onClick={() => activity.clearCalls()}>
          Clear
        </button>
      </div>
      <p class="hint">
        {shown.length} of {activity.calls.length} calls
      </p>
      <div class="calls">
        {shown.map((record) => (
          <CallRow key={`${record.startedAt}-${record.id}`} record={record} />
        ))}
      </div>
    </section>
  );
}
