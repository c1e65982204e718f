import { AppShell } from './components/AppShell';
import { AssetsAtRisk } from './components/AssetsAtRisk';
import { ConnectCmms } from './components/ConnectCmms';
import { Dashboard } from './components/Dashboard';
import { EventsPanel } from './components/EventsPanel';

/** Acme Reliability: one page with the dashboard, the assets at risk, the CMMS integration and its events. */
export function App() {
  return (
    <AppShell>
      <Dashboard />
      <AssetsAtRisk />
      <ConnectCmms />
      <EventsPanel />
    </AppShell>
  );
}
