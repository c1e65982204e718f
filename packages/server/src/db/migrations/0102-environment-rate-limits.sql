-- Per-environment overrides of the rate limits (requests per window); NULL: the deployment's default.
ALTER TABLE environments ADD COLUMN connection_rate_limit integer CHECK (connection_rate_limit > 0);
ALTER TABLE environments ADD COLUMN secret_key_rate_limit integer CHECK (secret_key_rate_limit > 0);
