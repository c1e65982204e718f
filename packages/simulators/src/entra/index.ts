export { createEntraDirectory } from './entra-directory';
export type { EntraApp, EntraClaims, EntraDirectory, EntraTenant } from './entra-directory';
export {
  ENTRA_APPS,
  ENTRA_SECRET,
  ENTRA_TENANT_DOMAIN,
  ENTRA_TENANT_ID,
  ENTRA_UNKNOWN_APP,
  sandboxTenant,
} from './seed';
