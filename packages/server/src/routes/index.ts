import type { AppContext } from '../context';
import type { RouteTable } from '../http/route-table';
import * as connectAttemptEvents from './connect-attempt-events';
import * as connectAttemptGet from './connect-attempt-get';
import * as connectAttemptsCreate from './connect-attempts-create';
import * as connectCatalog from './connect-catalog';
import * as connectExchange from './connect-exchange';
import * as connectHandoffRedeem from './connect-handoff-redeem';
import * as connectHandoffsCreate from './connect-handoffs-create';
import * as connectHandoffsList from './connect-handoffs-list';
import * as connectLocaleGet from './connect-locale-get';
import * as connectPositionGet from './connect-position-get';
import * as connectPositionSave from './connect-position-save';
import * as connectProbe from './connect-probe';
import * as connectSessionGet from './connect-session-get';
import * as connectSessionsCreate from './connect-sessions-create';
import * as connectSystemGet from './connect-system-get';
import * as connectSystemRequestsCreate from './connect-system-requests-create';
import * as connectionGet from './connection-get';
import * as connectionsGet from './connections-get';
import * as connectionsList from './connections-list';
import * as connectionsRevoke from './connections-revoke';
import * as ops from './ops';
import * as systemRequestsList from './system-requests-list';

const CORE = [
  // Express tries routes in order: the route hosts poll most, token-authenticated, goes first.
  connectionGet,
  ops,
  connectSessionsCreate,
  connectExchange,
  connectionsList,
  connectionsGet,
  connectionsRevoke,
  systemRequestsList,
  connectSessionGet,
  connectCatalog,
  connectSystemGet,
  connectProbe,
  connectAttemptsCreate,
  connectAttemptGet,
  connectAttemptEvents,
  connectSystemRequestsCreate,
  // The widget's non-English messages (issue 4: English only in the host's bundle).
  connectLocaleGet,
  // Hand-off links and the saved position (issue 4).
  connectHandoffsCreate,
  connectHandoffsList,
  connectHandoffRedeem,
  connectPositionSave,
  connectPositionGet,
];

/** Add every core route (ARCHITECTURE §5, issue 2) to the table. */
export function registerCoreRoutes(routes: RouteTable, ctx: AppContext): void {
  for (const r of CORE) r.register(routes, ctx);
}
