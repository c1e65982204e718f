export { createOAuthServer } from './oauth-server';
export type {
  AccessTokenClaims,
  GrantType,
  OAuthClientRecord,
  OAuthRejection,
  OAuthServer,
  OAuthServerOptions,
  OAuthUserRecord,
  TokenRequest,
} from './oauth-server';
