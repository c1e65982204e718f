import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/test-fetch';
import { startIntacctSimulator } from './simulator';
import type { IntacctSimulator } from './simulator';

let sim: IntacctSimulator;
beforeAll(async () => {
  sim = await startIntacctSimulator();
});
afterAll(() => sim.close());

const request = (auth: string, fn: string, sender = 'flange_sender', senderPw = 'sender_pw_good') =>
  call(`${sim.url}/ia/xml/xmlgw.phtml`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><request><control><senderid>${sender}</senderid><password>${senderPw}</password><controlid>c1</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation><authentication>${auth}</authentication><content><function controlid="f1">${fn}</function></content></operation></request>`,
  });
const login = (user: string, company = 'ACME', pw = 'pass_good') =>
  `<login><userid>${user}</userid><companyid>${company}</companyid><password>${pw}</password></login>`;

describe('Sage Intacct simulator', () => {
  it('opens an API session and reads one record with it, all in HTTP 200', async () => {
    const r = await request(login('ws_user'), '<getAPISession/>');
    expect(r.status).toBe(200);
    expect(r.text).toContain(
      '<authentication><status>success</status><userid>ws_user</userid><companyid>ACME</companyid>',
    );
    const sessionid = /<sessionid>([^<]+)<\/sessionid>/.exec(r.text)![1]!;
    const q = await request(
      `<sessionid>${sessionid}</sessionid>`,
      '<readByQuery><object>PODOCUMENT</object><fields>RECORDNO</fields><query></query><pagesize>1</pagesize></readByQuery>',
    );
    expect(q.text).toContain('<result><status>success</status><function>readByQuery</function>');
  });
  it.each([
    [
      'wrong sender password',
      login('ws_user'),
      'flange_sender',
      'x',
      '<control><status>failure</status>',
      'Incorrect Intacct XML Partner ID or password.',
    ],
    [
      'sender not authorised for the company',
      login('ws_user', 'ACME-NOAUTH'),
      'flange_sender',
      'sender_pw_good',
      '<authentication><status>failure</status>',
      'Invalid Web Services Authorization',
    ],
    [
      'wrong user password',
      login('ws_user', 'ACME', 'x'),
      'flange_sender',
      'sender_pw_good',
      '<authentication><status>failure</status>',
      'Sign-in information is incorrect',
    ],
    [
      'locked user',
      login('ws_locked'),
      'flange_sender',
      'sender_pw_good',
      '<authentication><status>failure</status>',
      'locked',
    ],
    [
      'rate limited',
      login('ws_throttled'),
      'flange_sender',
      'sender_pw_good',
      '<control><status>failure</status>',
      'GW-0010',
    ],
  ])('%s → HTTP 200 with the failure in the XML', async (_n, auth, sender, pw, where, text) => {
    const r = await request(auth, '<getAPISession/>', sender, pw);
    expect(r.status).toBe(200);
    expect(r.text).toContain(where);
    expect(r.text).toContain(text);
  });
  it('reports a missing object permission in the function result, and XL03000003 for bad XML', async () => {
    const r = await request(
      login('ws_noperm'),
      '<readByQuery><object>VENDOR</object><fields>RECORDNO</fields><query></query><pagesize>1</pagesize></readByQuery>',
    );
    expect(r.text).toContain('<result><status>failure</status>');
    expect(r.text).toContain('Permission Denied');
    const bad = await call(`${sim.url}/ia/xml/xmlgw.phtml`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<request><oops',
    });
    expect(bad.text).toContain('XL03000003');
  });
});
