import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FlangeApiError } from '@flange/connect';
import { probeQuery } from '../queries';
import { errorText } from '../i18n/localize';
import { useFlowContext } from './flow-context';

const DEBOUNCE_MS = 500;

/**
 * Probe the instance address while the user types (debounced; a newer address cancels the older
 * request): reachable, TLS trusted, which product and version answers.
 */
export function UrlProbe(props: { systemId: string; systemName: string; url: string | null }) {
  const { client, t, emit, locale } = useFlowContext();
  const [debounced, setDebounced] = useState(props.url);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(props.url), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [props.url]);

  const settled = debounced !== null && debounced === props.url;
  const probe = useQuery({ ...probeQuery(client, props.systemId, debounced ?? ''), enabled: settled });
  const result = settled ? probe.data : undefined;

  useEffect(() => {
    if (!result) return;
    const meta: Record<string, string | boolean> = {
      system_id: props.systemId,
      reachable: result.reachable,
      product: result.product,
      tls: result.tls,
    };
    if (result.version) meta['version'] = result.version;
    emit('PROBE', meta);
  }, [result, props.systemId, emit]);

  let text: string | null = null;
  let tone: 'ok' | 'error' | 'muted' = 'muted';
  if (props.url === null) text = null;
  else if (!settled || probe.isFetching) text = t('probe.checking');
  else if (probe.isError) {
    const e = probe.error;
    text =
      e instanceof FlangeApiError && e.status !== 0 && e.status < 500
        ? errorText({ code: e.code, display_message: e.displayMessage }, t, locale)
        : t('probe.failed');
    tone = 'error';
  } else if (result) {
    const product = result.product_name ?? props.systemName;
    if (!result.reachable) [text, tone] = [t('probe.unreachable'), 'error'];
    else if (result.tls === 'untrusted') {
      const found = result.product === 'match' ? t('probe.match', { product }) : '';
      [text, tone] = [`${found} ${t('probe.tls')}`.trim(), 'error'];
    } else if (result.product === 'mismatch')
      [text, tone] = [
        result.product_name
          ? t('probe.mismatchNamed', { product: result.product_name, system: props.systemName })
          : t('probe.mismatch', { system: props.systemName }),
        'error',
      ];
    else if (result.product === 'match')
      [text, tone] = [
        result.version
          ? t('probe.matchVersion', { product, version: result.version })
          : t('probe.match', { product }),
        'ok',
      ];
    else text = t('probe.unknown', { system: props.systemName });
  }

  return (
    <p
      className={tone === 'ok' ? 'fl-ok-text' : tone === 'error' ? 'fl-error-text' : 'fl-hint'}
      role="status"
      data-probe={result ? `${result.reachable ? 'reachable' : 'unreachable'}-${result.product}` : 'none'}
    >
      {text}
    </p>
  );
}
