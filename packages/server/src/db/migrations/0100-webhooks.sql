-- Webhook endpoints, the outbox of events, and one delivery per (event, endpoint) with every attempt.
-- Timestamps come from the application clock (an injected clock in tests), never from now().

CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  url text NOT NULL,
  -- Event types this endpoint receives; '*' means every type, including ones added later.
  events text[] NOT NULL,
  description text,
  -- Signing secrets, sealed by the server's keyring: the whsec_ value is needed to sign, so it cannot be hashed.
  secret_sealed text NOT NULL,
  previous_secret_sealed text,
  previous_secret_expires_at timestamptz,
  status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason text,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX webhook_endpoints_list ON webhook_endpoints (environment_id, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;

-- The outbox: written in the same transaction as the state change it reports.
CREATE TABLE webhook_events (
  id text PRIMARY KEY,
  environment_id text NOT NULL REFERENCES environments (id),
  type text NOT NULL,
  -- The exact bytes sent: every retry and every endpoint signs the same body.
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX webhook_events_env ON webhook_events (environment_id, created_at DESC);

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  environment_id text NOT NULL,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_id text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  event_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
  -- 'manual': the next attempt was started by hand. It is one attempt, not a new schedule: when it fails the
  -- delivery goes back to where its schedule was (resume_at), or to 'failed' when the schedule had ended.
  mode text NOT NULL DEFAULT 'auto' CHECK (mode IN ('auto', 'manual')),
  resume_at timestamptz,
  -- Every attempt, and the scheduled ones alone (the schedule position).
  attempt_count integer NOT NULL DEFAULT 0,
  scheduled_attempts integer NOT NULL DEFAULT 0,
  -- Due time while pending; a claim pushes it forward by the lease so a crashed worker's job comes back.
  next_attempt_at timestamptz,
  lease_id text,
  last_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_list ON webhook_deliveries (environment_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, status);

CREATE TABLE webhook_attempts (
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  number integer NOT NULL,
  at timestamptz NOT NULL,
  status_code integer,
  duration_ms integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  error_class text,
  manual boolean NOT NULL,
  PRIMARY KEY (delivery_id, number)
);
