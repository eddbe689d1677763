// The app's uncaught errors, unhandled rejections and console.error calls with their source
// location, and the problems of its last build.
import { type AppActivity, useActivity } from '../activity';

const KIND_LABELS = {
  error: 'Uncaught error',
  unhandledrejection: 'Unhandled rejection',
  console: 'console.error',
};

export function ErrorPanel({ activity }: { activity: AppActivity }) {
  useActivity(activity);
  return (
    <section class="error-panel">
      {activity.problems.length > 0 && (
        <div class="build-problems">
          <h4>Build failed: the app keeps its last good build</h4>
          {activity.problems.map((problem) => (
            <p key={`${problem.file}:${problem.line}:${problem.column}`} class="error">
              <code>
                {problem.file}:{problem.line}:{problem.column}
              </code>{' '}
              {problem.text}
            </p>
          ))}
        </div>
      )}
      <div class="toolbar">
        <span class="hint">{activity.errors.length} error(s)</span>
        <button type="button" onClick={() => activity.clearErrors()}>
          Clear
        </button>
      </div>
      {[...activity.errors].reverse().map((error) => (
        <details key={error.id} class="app-error" data-kind={error.kind} open>
          <summary>
            <span class="badge badge-failed">{KIND_LABELS[error.kind]}</span> {error.message}
            {error.location && (
              <code class="location">
                {error.location.file}:{error.location.line}:{error.location.column}
              </code>
            )}
          </summary>
          {error.stack && <pre>{error.stack}</pre>}
        </details>
      ))}
    </section>
  );
}
