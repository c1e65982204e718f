import { afterEach, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { FlangeConnect } from '../flange-connect';
import type { FlangeConnectProps } from '../flange-connect';
import { API, SESSION_TOKEN } from './fixtures';
import { createStandInApi } from './stand-in-api';
import type { StandInOptions } from './stand-in-api';

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  document.head.innerHTML = '';
});

/**
 * Render the inline flow against a stand-in API, in StrictMode like a real React app in dev. Scoped
 * styles by default so `screen` queries see the widget; shadow-root tests pass isolation: 'shadow'.
 */
export function renderFlow(api: StandInOptions = {}, props: Partial<FlangeConnectProps> = {}) {
  const stand = createStandInApi(api);
  const callbacks = {
    onSuccess: vi.fn<NonNullable<FlangeConnectProps['onSuccess']>>(),
    onExit: vi.fn<NonNullable<FlangeConnectProps['onExit']>>(),
    onEvent: vi.fn<NonNullable<FlangeConnectProps['onEvent']>>(),
  };
  const user = userEvent.setup();
  const view = render(
    <StrictMode>
      <FlangeConnect
        sessionToken={SESSION_TOKEN}
        apiBaseUrl={API}
        fetch={stand.fetch}
        isolation="scoped"
        {...callbacks}
        {...props}
      />
    </StrictMode>,
  );
  return { ...view, ...callbacks, user, requests: stand.requests };
}
