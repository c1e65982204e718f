-- Where the end user is in a connect session (issue 4): the system, sign-in method and non-secret values
-- (the address, a user name) so a reload or a new tab returns to the same form even where the browser
-- keeps no storage (third-party frames). Never a secret: the route accepts only non-secret field kinds.
CREATE TABLE connect_positions (
  session_id text PRIMARY KEY REFERENCES connect_sessions (id),
  position jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
