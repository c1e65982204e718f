import { useContext } from 'react';
import { FlowContext, useFlowContext } from './flow-context';

/** A polite busy indicator. */
export function Loading() {
  const ctx = useContext(FlowContext);
  return (
    <p className="fl-muted" role="status">
      {ctx?.t('loading') ?? 'Loading…'}
    </p>
  );
}

/** A failed load with a retry. */
export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useFlowContext();
  return (
    <div className="fl-alert" role="alert">
      <p>{t('load.failed')}</p>
      <div>
        <button type="button" className="fl-btn" onClick={onRetry}>
          {t('load.retry')}
        </button>
      </div>
    </div>
  );
}
