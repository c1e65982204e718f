-- The health monitor's per-connection state: the circuit breaker and the lease of a running check.
-- The schedule itself is connections.next_check_at (shown to hosts); a row here is created on first claim.

CREATE TABLE connection_health (
  connection_id text PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  environment_id text NOT NULL REFERENCES environments (id),
  -- A claimed check: other instances leave the connection alone until lease_until; a check lost with its
  -- instance becomes due again then.
  lease_id text,
  lease_until timestamptz,
  breaker text NOT NULL DEFAULT 'closed' CHECK (breaker IN ('closed', 'open', 'half_open')),
  -- Unreachable results in a row: the breaker opens at the threshold and its cool-down doubles with each.
  consecutive_failures integer NOT NULL DEFAULT 0,
  opened_at timestamptz,
  last_checked_at timestamptz,
  last_outcome text CHECK (last_outcome IN ('ok', 'reauthorization', 'unreachable', 'inconclusive')),
  last_error_code text
);
