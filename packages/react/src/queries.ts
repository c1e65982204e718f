import { QueryClient, queryOptions } from '@tanstack/react-query';
import { FlangeApiError } from '@flange/connect';
import type { ApiClient } from '@flange/connect';

/** A QueryClient for one widget: no retry on 4xx (the answer will not change), no refetch on focus. */
export function createFlowQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof FlangeApiError && error.isClientError) && failures < 2,
        refetchOnWindowFocus: false,
        staleTime: 5 * 60_000,
      },
      mutations: { retry: false },
    },
  });
}

export const sessionQuery = (client: ApiClient) =>
  queryOptions({ queryKey: ['flange', 'session'], queryFn: ({ signal }) => client.getSession({ signal }) });

export const catalogQuery = (client: ApiClient) =>
  queryOptions({
    queryKey: ['flange', 'catalog'],
    queryFn: ({ signal }) => client.getCatalog({}, { signal }),
  });

export const systemQuery = (client: ApiClient, systemId: string) =>
  queryOptions({
    queryKey: ['flange', 'system', systemId],
    queryFn: ({ signal }) => client.getSystem(systemId, { signal }),
  });

/** Probe an address; a newer key abandons the older request (react-query aborts it through `signal`). */
export const probeQuery = (client: ApiClient, systemId: string, url: string) =>
  queryOptions({
    queryKey: ['flange', 'probe', systemId, url],
    queryFn: ({ signal }) => client.probe({ system_id: systemId, url }, { signal }),
    staleTime: 60_000,
    gcTime: 5 * 60_000,
    retry: false,
  });
