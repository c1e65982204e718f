import { AppShell } from './components/AppShell';
import { AssetsAtRisk } from './components/AssetsAtRisk';
import { ConnectCmms } from './components/ConnectCmms';
import { Dashboard } from './components/Dashboard';

/** Acme Reliability: one page with the dashboard, the assets at risk and the CMMS integration. */
export function App() {
  return (
    <AppShell>
      <Dashboard />
      <AssetsAtRisk />
      <ConnectCmms />
    </AppShell>
  );
}
