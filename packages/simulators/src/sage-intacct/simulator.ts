/**
 * Sage Intacct XML gateway (`POST /ia/xml/xmlgw.phtml`), where every answer is HTTP 200 and the outcome is
 * in the XML: `control/status` for the sender, `operation/authentication/status` for the user, and
 * `result/status` per function [V].
 *
 * Calls we make: `getAPISession` with sender ID/password and a login (user, company, password) → session
 * id and the user/company it belongs to; then `readByQuery` of one record per object (PODOCUMENT, ITEM,
 * VENDOR) with that session id.
 *
 * Signals: XL03000006 is the number for both a wrong sender password (control failure, "Incorrect Intacct
 * XML Partner ID or password.") and a sender missing from the company's Web Services authorizations
 * (authentication failure, "Invalid Web Services Authorization") [V number; K texts]; a wrong user,
 * password or company: authentication failure "Sign-in information is incorrect" [K]; GW-0010 rate limit
 * and XL03000003 unparseable XML inside HTTP 200 [V]. A locked user and a missing object permission name
 * themselves in `description2` [U numbers and texts].
 */
import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { productApp, rawText } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

export const INTACCT_SENDERS: Record<string, string> = { flange_sender: 'sender_pw_good' };
export const INTACCT_COMPANIES: Record<string, { name: string; authorizedSenders: string[] }> = {
  ACME: { name: 'Acme Manufacturing', authorizedSenders: ['flange_sender'] },
  'ACME-NOAUTH': { name: 'Acme Subsidiary', authorizedSenders: [] },
};
export const INTACCT_USERS: Record<
  string,
  { password: string; objects: string[]; state?: 'locked' | 'throttled' }
> = {
  'ACME/ws_user': { password: 'pass_good', objects: ['PODOCUMENT', 'ITEM', 'VENDOR'] },
  'ACME-NOAUTH/ws_user': { password: 'pass_good', objects: ['PODOCUMENT', 'ITEM', 'VENDOR'] },
  'ACME/ws_locked': { password: 'pass_good', objects: [], state: 'locked' },
  'ACME/ws_noperm': { password: 'pass_good', objects: [] },
  'ACME/ws_throttled': { password: 'pass_good', objects: [], state: 'throttled' },
};

const ROWS: Record<string, string> = {
  PODOCUMENT: '<RECORDNO>4021</RECORDNO><DOCID>PO-0042</DOCID><STATE>Pending</STATE>',
  ITEM: '<RECORDNO>17</RECORDNO><ITEMID>BRG-6204</ITEMID><NAME>Ball bearing 6204</NAME>',
  VENDOR: '<RECORDNO>8</RECORDNO><VENDORID>V100</VENDORID><NAME>Grainger</NAME>',
};

/** A parsed XML element: children by tag name; leaves are strings at runtime (read them with `text`). */
type XmlNode = { readonly [tag: string]: XmlNode | undefined };
const text = (n: unknown): string => (typeof n === 'string' ? n : '');

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function errorXml(errorno: string, description: string, description2: string, correction = ''): string {
  return `<errormessage><error><errorno>${esc(errorno)}</errorno><description>${esc(description)}</description><description2>${esc(description2)}</description2><correction>${esc(correction)}</correction></error></errormessage>`;
}

function controlXml(status: 'success' | 'failure', senderid: string, controlid: string): string {
  return `<control><status>${status}</status><senderid>${esc(senderid)}</senderid><controlid>${esc(controlid)}</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control>`;
}

function responseXml(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<response>${inner}</response>`;
}

export interface IntacctSimulator extends Simulator {
  /** API sessions handed out: session id → company/user. */
  sessions: Map<string, { company: string; user: string }>;
  reset(): void;
}

/** Start the XML gateway simulator. */
export async function startIntacctSimulator(opts: ProductSimulatorOptions = {}): Promise<IntacctSimulator> {
  const sessions = new Map<string, { company: string; user: string }>();
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true });
  const app = productApp();

  app.post('/ia/xml/xmlgw.phtml', rawText, (req, res) => {
    res.type('text/xml; charset=UTF-8');
    let request: XmlNode;
    try {
      const doc = parser.parse(String(req.body ?? ''), true) as XmlNode;
      if (!doc.request?.control) throw new Error('no control');
      request = doc.request;
    } catch {
      res.send(
        responseXml(
          `<errormessage><error><errorno>XL03000003</errorno><description>XML Parse schema error: Error in line 1</description><description2></description2><correction></correction></error></errormessage>`,
        ),
      );
      return;
    }
    const control = request.control ?? {};
    const senderid = text(control.senderid);
    const controlid = text(control.controlid);
    if (INTACCT_SENDERS[senderid] === undefined || INTACCT_SENDERS[senderid] !== text(control.password)) {
      res.send(
        responseXml(
          controlXml('failure', senderid, controlid) +
            errorXml('XL03000006', '', 'Incorrect Intacct XML Partner ID or password.', ''),
        ),
      );
      return;
    }
    const operation = request.operation ?? {};
    const auth = operation.authentication ?? {};
    let who: { company: string; user: string } | undefined;
    const authFail = (errorno: string, description: string, description2: string, correction = '') =>
      res.send(
        responseXml(
          controlXml('success', senderid, controlid) +
            `<operation><authentication><status>failure</status><userid>${esc(text(auth.login?.userid))}</userid><companyid>${esc(text(auth.login?.companyid))}</companyid></authentication>${errorXml(errorno, description, description2, correction)}</operation>`,
        ),
      );
    if (auth.sessionid !== undefined) {
      who = sessions.get(text(auth.sessionid));
      if (!who) return authFail('XL03000006', '', 'Invalid session', '');
    } else {
      const login = auth.login ?? {};
      const company = text(login.companyid);
      const key = `${company}/${text(login.userid)}`;
      const user = INTACCT_USERS[key];
      const co = INTACCT_COMPANIES[company];
      if (co && !co.authorizedSenders.includes(senderid))
        return authFail(
          'XL03000006',
          'Invalid Web Services Authorization',
          `The sender ID '${senderid}' is not authorized to make Web Services requests to company ID '${company}'.`,
          'Contact the company administrator to grant Web Services authorization to this sender ID.',
        );
      if (!co || !user || user.password !== text(login.password))
        return authFail('XL03000006', '', 'Sign-in information is incorrect', '');
      if (user.state === 'locked')
        return authFail(
          'XL03000007',
          '',
          'Your account has been locked after too many failed sign-in attempts.',
          'Ask your company administrator to unlock your user.',
        );
      if (user.state === 'throttled') {
        res.send(
          responseXml(
            controlXml('failure', senderid, controlid) +
              errorXml(
                'GW-0010',
                'Rate limit exceeded',
                'Too many requests for this company; retry later.',
                '',
              ),
          ),
        );
        return;
      }
      who = { company, user: text(login.userid) };
    }
    const authXml = `<authentication><status>success</status><userid>${esc(who.user)}</userid><companyid>${esc(who.company)}</companyid><locationid></locationid><sessiontimestamp>${new Date().toISOString()}</sessiontimestamp><sessiontimeout>${new Date(Date.now() + 3600_000).toISOString()}</sessiontimeout></authentication>`;
    const fns = operation.content?.function;
    const list = (Array.isArray(fns) ? (fns as XmlNode[]) : [fns]).filter(
      (f): f is XmlNode => f !== undefined && typeof f === 'object',
    );
    const results = list.map((fn) => {
      const fid = text(fn['@_controlid']);
      if (fn.getAPISession !== undefined) {
        const sessionid = `${randomBytes(18).toString('base64url')}..`;
        sessions.set(sessionid, who);
        const endpoint = `${req.protocol}://${req.get('host')}/ia/xml/xmlgw.phtml`;
        return `<result><status>success</status><function>getAPISession</function><controlid>${esc(fid)}</controlid><data><api><sessionid>${sessionid}</sessionid><endpoint>${endpoint}</endpoint><locationid></locationid></api></data></result>`;
      }
      if (fn.readByQuery !== undefined) {
        const object = text(fn.readByQuery.object).toUpperCase();
        const user = INTACCT_USERS[`${who.company}/${who.user}`];
        if (!ROWS[object])
          return `<result><status>failure</status><function>readByQuery</function><controlid>${esc(fid)}</controlid>${errorXml('BL01001973', '', `Object definition ${object} not found`)}</result>`;
        if (!user?.objects.includes(object))
          return `<result><status>failure</status><function>readByQuery</function><controlid>${esc(fid)}</controlid>${errorXml('BL34000061', 'Permission Denied', `You do not have permission for API operation READ_BY_QUERY on objects of type ${object.toLowerCase()}`, 'Ask your administrator for the permission.')}</result>`;
        return `<result><status>success</status><function>readByQuery</function><controlid>${esc(fid)}</controlid><data listtype="${object.toLowerCase()}" count="1" totalcount="12" numremaining="11" resultId=""><${object.toLowerCase()}>${ROWS[object]}</${object.toLowerCase()}></data></result>`;
      }
      return `<result><status>failure</status><function>unknown</function><controlid>${esc(fid)}</controlid>${errorXml('XL03000009', '', 'Unknown function')}</result>`;
    });
    res.send(
      responseXml(
        controlXml('success', senderid, controlid) + `<operation>${authXml}${results.join('')}</operation>`,
      ),
    );
  });

  const sim = await startSimulator({ ...opts, name: 'sage-intacct', handler: app });
  return Object.assign(sim, {
    sessions,
    reset() {
      sessions.clear();
      sim.clearLog();
    },
  });
}
