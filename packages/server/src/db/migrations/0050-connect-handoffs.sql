-- Hand-off links (issue 4): an end user sends a one-time link to their IT admin, who finishes the same
-- session in another browser. Only the secret's HMAC is stored; the secret itself lives in the link's
-- fragment and is shown once.
CREATE TABLE connect_handoffs (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES connect_sessions (id),
  secret_hash text NOT NULL UNIQUE,
  -- Where the end user was (system, auth method, non-secret values such as the address).
  resume jsonb,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  redeemed_at timestamptz,
  -- The session the admin's page works in: same end user, systems and expiry as `session_id`.
  child_session_id text UNIQUE REFERENCES connect_sessions (id)
);
CREATE INDEX connect_handoffs_session ON connect_handoffs (session_id, created_at);

-- A session connects one system once, hand-offs included: whichever of the end user's session and its
-- admins' sessions connects first marks the others connected too, so a second attempt is refused.
CREATE FUNCTION connect_handoffs_share_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.connection_id IS NOT NULL AND OLD.connection_id IS NULL THEN
    UPDATE connect_sessions SET connection_id = NEW.connection_id
     WHERE connection_id IS NULL
       AND (id IN (SELECT session_id FROM connect_handoffs WHERE child_session_id = NEW.id)
            OR id IN (SELECT child_session_id FROM connect_handoffs WHERE session_id = NEW.id));
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER connect_sessions_share_connection
  AFTER UPDATE OF connection_id ON connect_sessions
  FOR EACH ROW EXECUTE FUNCTION connect_handoffs_share_connection();
