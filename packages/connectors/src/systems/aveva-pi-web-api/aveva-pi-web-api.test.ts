import { PI_PASSWORD, startPiWebApiSimulator } from '@flange/simulators';
import type { PiWebApiSimulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy } from '../../testing';
import { aveva } from './definition';

let tls: PiWebApiSimulator;
let kerberosOnly: PiWebApiSimulator;
beforeAll(async () => {
  [tls, kerberosOnly] = await Promise.all([
    startPiWebApiSimulator({ tls: 'self-signed' }),
    startPiWebApiSimulator({ authenticationMethods: ['Kerberos'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([tls.close(), kerberosOnly.close()]);
});

const connectors = () => createConnectors({ policy: contractPolicy(), definitions: [aveva] });
const values = (url: string) => ({
  instance_url: `${url}/piwebapi`,
  username: 'CORP\\svc_flange',
  password: PI_PASSWORD,
});

describe('PI Web API connector', () => {
  it('stops at TLS on a self-signed server, then succeeds once that certificate is trusted', async () => {
    const first = await connectors().validate(
      { systemId: 'aveva-pi-web-api', authMethod: 'basic', values: values(tls.url) },
      () => undefined,
    );
    if (first.ok) throw new Error('expected TLS_UNTRUSTED');
    expect([first.error.code, first.error.step]).toEqual(['TLS_UNTRUSTED', 'tls']);
    expect(first.error.certificate?.sha256).toBe(tls.certificate!.sha256);
    expect(tls.state.authAttempts).toBe(0);
    const second = await connectors().validate(
      {
        systemId: 'aveva-pi-web-api',
        authMethod: 'basic',
        values: values(tls.url),
        trustedCertificateSha256: tls.certificate!.sha256,
      },
      () => undefined,
    );
    if (!second.ok) throw new Error(JSON.stringify(second.error));
    expect(second.account.user).toBe('CORP\\svc_flange');
    expect(second.pinnedCertificateSha256).toBe(tls.certificate!.sha256);
  });

  it('says Basic is disabled on a Kerberos-only server', async () => {
    const out = await connectors().validate(
      { systemId: 'aveva-pi-web-api', authMethod: 'basic', values: values(kerberosOnly.url) },
      () => undefined,
    );
    expect(out.ok ? null : [out.error.code, out.error.step]).toEqual(['FEATURE_DISABLED', 'authenticate']);
  });

  it('refuses a user without its domain before any call', async () => {
    const out = await connectors().validate(
      {
        systemId: 'aveva-pi-web-api',
        authMethod: 'basic',
        values: { ...values(kerberosOnly.url), username: 'svc_flange' },
      },
      () => undefined,
    );
    expect(out.ok ? null : [out.error.code, out.error.param]).toEqual(['INVALID_REQUEST', 'username']);
  });
});
