-- Foundation schema (issue 2). Timestamps always come from the application clock, never now(),
-- so expiry logic can be tested with an injected clock.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL,
  logo_url text,
  created_at timestamptz NOT NULL
);

CREATE TABLE environments (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('test', 'live')),
  created_at timestamptz NOT NULL,
  UNIQUE (account_id, kind)
);

-- Secret keys: HMAC-SHA256(pepper, key) only; `masked` is prefix + last 4 for logs and lists.
CREATE TABLE secret_keys (
  id text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  key_hash text NOT NULL UNIQUE,
  masked text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX secret_keys_environment ON secret_keys (environment_id);

CREATE TABLE connections (
  id text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  status text NOT NULL CHECK (status IN ('active', 'degraded', 'reauthorization_required', 'revoked')),
  system_id text NOT NULL,
  system_name text NOT NULL,
  auth_method text NOT NULL,
  instance_url text,
  account jsonb NOT NULL DEFAULT '{}',
  entities_verified jsonb NOT NULL DEFAULT '[]',
  end_user_id text NOT NULL,
  end_user jsonb NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  pinned_certificate_sha256 text,
  last_verified_at timestamptz,
  last_verification jsonb,
  next_check_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX connections_list ON connections (environment_id, created_at DESC, id DESC);
CREATE INDEX connections_end_user ON connections (environment_id, end_user_id);

-- Encrypted credentials: one envelope blob per connection (security.md §3); `kid` duplicated from the
-- blob so a key can be retired once no row references it.
CREATE TABLE credentials (
  connection_id text PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  environment_id text NOT NULL,
  kid text NOT NULL,
  blob jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX credentials_kid ON credentials (kid);

-- Connection tokens: hash only. `expires_at` is set on the previous token at rotation (grace period).
CREATE TABLE connection_tokens (
  id text PRIMARY KEY,
  connection_id text NOT NULL REFERENCES connections (id),
  environment_id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  masked text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX connection_tokens_connection ON connection_tokens (connection_id);

CREATE TABLE connect_sessions (
  id text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  token_hash text NOT NULL UNIQUE,
  end_user_id text NOT NULL,
  end_user jsonb NOT NULL,
  systems jsonb,
  allowed_origins jsonb NOT NULL DEFAULT '[]',
  locale text,
  metadata jsonb NOT NULL DEFAULT '{}',
  reconnect_connection_id text REFERENCES connections (id),
  -- Set when an attempt of this session succeeded: a session connects one system once.
  connection_id text REFERENCES connections (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE attempts (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES connect_sessions (id),
  environment_id text NOT NULL REFERENCES environments (id),
  system_id text NOT NULL,
  auth_method text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  -- Values the user typed that are not secret (URLs, user names), so a reload keeps them.
  safe_values jsonb NOT NULL DEFAULT '{}',
  -- Lockout counters this attempt reserved, settled when it ends.
  lockout jsonb,
  error_code text,
  connection_id text REFERENCES connections (id),
  -- The public token of a succeeded attempt, encrypted, so the final event can be replayed.
  public_token_blob jsonb,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX attempts_session ON attempts (session_id, created_at);
CREATE INDEX attempts_running ON attempts (status, created_at) WHERE status = 'running';

-- Each step event of an attempt, numbered from 1: the SSE event id and the resume cursor.
CREATE TABLE attempt_events (
  attempt_id text NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (attempt_id, seq)
);

CREATE TABLE public_tokens (
  token_hash text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  connection_id text NOT NULL REFERENCES connections (id),
  attempt_id text NOT NULL REFERENCES attempts (id),
  reconnect boolean NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX public_tokens_connection ON public_tokens (connection_id);

-- Systems end users asked for that have no connector yet.
CREATE TABLE system_requests (
  id text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  session_id text REFERENCES connect_sessions (id),
  system_id text,
  name text NOT NULL,
  note text,
  end_user_id text NOT NULL,
  end_user jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX system_requests_list ON system_requests (environment_id, created_at DESC, id DESC);

-- Credential-stuffing guard: failures per key (a hashed instance host + user, or a host) in a window.
CREATE TABLE lockout_counters (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_start timestamptz NOT NULL,
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL
);
