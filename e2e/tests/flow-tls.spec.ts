import { expect, test } from '../fixtures';
import { createSession, hostMessages, openHostPage } from './flow-support';

test('TLS trust: a self-signed certificate is flagged by the probe, shown with its fingerprint, trusted, and connected', async ({
  page,
  stack,
}) => {
  const sandbox = stack.sandbox['sap-business-one'];
  if (!sandbox) throw new Error('no SAP Business One sandbox');
  const flow = await openHostPage(page, await createSession(stack));
  await flow.getByRole('searchbox', { name: 'Search systems' }).fill('business one');
  await flow.getByRole('button', { name: 'SAP Business One' }).click();
  await expect(flow.getByRole('heading', { name: 'Connect SAP Business One' })).toBeVisible();

  // Before any password: the address answers, as SAP Business One, behind a certificate nobody vouches for.
  const fields = flow.locator('form');
  await fields.getByRole('textbox').first().fill(sandbox.instance_url);
  await expect(flow.getByText(/certificate of this address is not trusted/)).toBeVisible({ timeout: 20_000 });
  await flow.getByRole('button', { name: 'Use these demo credentials' }).click();
  await flow.getByRole('button', { name: 'Connect', exact: true }).click();

  // The failure names the certificate and offers to trust exactly this fingerprint.
  await expect(flow.getByRole('heading', { name: 'We couldn’t connect' })).toBeVisible({ timeout: 30_000 });
  const cert = flow.getByRole('region', { name: 'Certificate presented by the server' });
  await expect(cert).toBeVisible();
  const fingerprint = (await cert.locator('[data-fingerprint]').textContent()) ?? '';
  expect(fingerprint).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
  const attempts = page.waitForRequest(
    (r) => r.url().endsWith('/v1/connect/attempts') && r.method() === 'POST',
  );
  await cert.getByRole('button', { name: 'Trust this certificate and retry' }).click();
  const retry = await attempts;
  expect(JSON.parse(retry.postData() ?? '{}')).toMatchObject({ trust_certificate_sha256: fingerprint });
  await expect(flow.getByRole('region', { name: 'Connected' })).toBeVisible({ timeout: 30_000 });
  expect((await hostMessages(page)).some((m) => m.type === 'success')).toBe(true);
});
