import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const defaults = { cwd: '/srv/flange', hostedDist: '/srv/flange/apps/hosted/dist' };
const key = () => randomBytes(32).toString('base64');

describe('loadConfig', () => {
  it('runs on defaults alone (the embedded mode)', () => {
    const c = loadConfig({}, defaults);
    expect(c).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:4000',
      dataDir: path.resolve('/srv/flange/.flange'),
      databaseUrl: null,
      encryptionKeys: null,
      tokenPepper: null,
      demoSecretKey: null,
      seedDemo: true,
      hostedDist: '/srv/flange/apps/hosted/dist',
      sessionTtlSeconds: 1800,
      publicTokenTtlSeconds: 600,
      lockout: { maxIdentityFailures: 3, maxSessionAttempts: 5, windowSeconds: 900 },
      logLevel: 'info',
    });
    expect(c.network).toMatchObject({
      allowedNetworks: [],
      allowHttp: false,
      hostOverrides: {},
      connectTimeoutMs: 5000,
      totalTimeoutMs: 15000,
    });
  });

  it('parses every variable', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        FLANGE_PUBLIC_URL: 'https://connect.example.com/',
        FLANGE_DATA_DIR: 'data',
        DATABASE_URL: 'postgres://u@db/flange',
        FLANGE_ENCRYPTION_KEYS: `k2:${key()},k1:${key()}`,
        FLANGE_TOKEN_PEPPER: 'p'.repeat(40),
        FLANGE_DEMO_SECRET_KEY: `flk_test_${'a'.repeat(40)}`,
        FLANGE_SEED_DEMO: 'yes',
        FLANGE_ALLOWED_NETWORKS: '127.0.0.1/32, 10.0.0.0/8,::1/128',
        FLANGE_HOST_OVERRIDES: 'api.getmaintainx.com=http://127.0.0.1:4101',
        FLANGE_ALLOW_HTTP: 'true',
        LOG_LEVEL: 'debug',
        FLANGE_HOSTED_DIST: '/opt/hosted',
        FLANGE_SANDBOX_FILE: 'sandbox.json',
        FLANGE_TRUST_PROXY: '1',
        FLANGE_SESSION_TTL_MINUTES: '15',
        FLANGE_LOCKOUT_MAX_FAILURES: '2',
      },
      defaults,
    );
    expect(c.port).toBe(8080);
    expect(c.publicUrl).toBe('https://connect.example.com');
    expect(c.dataDir).toBe('/srv/flange/data');
    expect(c.encryptionKeys?.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(c.seedDemo).toBe(true);
    expect(c.network.allowedNetworks).toEqual(['127.0.0.1/32', '10.0.0.0/8', '::1/128']);
    expect(c.network.hostOverrides).toEqual({ 'api.getmaintainx.com': 'http://127.0.0.1:4101' });
    expect(c.network.allowHttp).toBe(true);
    expect(c.sandboxFile).toBe('/srv/flange/sandbox.json');
    expect(c.trustProxy).toBe(1);
    expect(c.sessionTtlSeconds).toBe(900);
    expect(c.lockout.maxIdentityFailures).toBe(2);
    expect(
      loadConfig({ FLANGE_HOST_OVERRIDES: '{"a.example.com":"https://b.example.com/"}' }, defaults).network
        .hostOverrides,
    ).toEqual({
      'a.example.com': 'https://b.example.com',
    });
  });

  it('fails fast listing every bad variable, without echoing secret values', () => {
    const attempt = () =>
      loadConfig(
        {
          PORT: 'eighty',
          FLANGE_PUBLIC_URL: 'ftp://x',
          FLANGE_ALLOWED_NETWORKS: '10.0.0.0/33,banana',
          FLANGE_ALLOW_HTTP: 'maybe',
          LOG_LEVEL: 'loud',
          FLANGE_ENCRYPTION_KEYS: 'k1:c2hvcnQ=',
          FLANGE_DEMO_SECRET_KEY: 'flk_live_secretvaluethatmustnotleak000000000',
          FLANGE_SESSION_TTL_MINUTES: '90',
          FLANGE_HOST_OVERRIDES: 'a.example.com=javascript:x',
        },
        defaults,
      );
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    for (const name of [
      'PORT',
      'FLANGE_PUBLIC_URL',
      'FLANGE_ALLOWED_NETWORKS',
      'FLANGE_ALLOW_HTTP',
      'LOG_LEVEL',
      'FLANGE_ENCRYPTION_KEYS',
      'FLANGE_DEMO_SECRET_KEY',
      'FLANGE_SESSION_TTL_MINUTES',
      'FLANGE_HOST_OVERRIDES',
    ]) {
      expect(message).toContain(`${name}:`);
    }
    expect(message).not.toContain('secretvaluethatmustnotleak');
    expect(message).not.toContain('c2hvcnQ=');
  });

  it('requires shared keys and pepper with DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' }, defaults)).toThrow(
      /FLANGE_ENCRYPTION_KEYS: required[\s\S]*FLANGE_TOKEN_PEPPER: required/,
    );
    const c = loadConfig(
      {
        DATABASE_URL: 'postgresql://db/x',
        FLANGE_ENCRYPTION_KEYS: `k:${key()}`,
        FLANGE_TOKEN_PEPPER: 'x'.repeat(32),
      },
      defaults,
    );
    expect(c.seedDemo).toBe(false);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/x' }, defaults)).toThrow(/DATABASE_URL/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, defaults).port).toBe(4000);
  });
});
