import { useAppDispatch, useAppSelector } from './store.js';
import { ConnectionPanel } from '../features/connection/ConnectionPanel.js';
import { PresencePanel } from '../features/presence/PresencePanel.js';
import { EnergyPanel } from '../features/energy/EnergyPanel.js';
import { ResourceBar } from '../features/planet/ResourceBar.js';
import { OverviewScreen } from '../features/planet/OverviewScreen.js';
import { BuildingsScreen } from '../features/buildings/BuildingsScreen.js';
import { ResearchScreen } from '../features/research/ResearchScreen.js';
import { WheelScreen } from '../features/wheel/WheelScreen.js';
import { NotificationsScreen } from '../features/notifications/NotificationsScreen.js';
import { ShipyardScreen } from '../features/shipyard/ShipyardScreen.js';
import { FleetsScreen } from '../features/fleets/FleetsScreen.js';
import { GalaxyScreen } from '../features/galaxy/GalaxyScreen.js';
import { ReportsScreen } from '../features/reports/ReportsScreen.js';
import { PlanetSwitcher } from '../features/planet/PlanetSwitcher.js';
import { tabChosen, type Tab } from '../features/ui/uiSlice.js';
import { signOut } from '../features/session/thunks.js';

const TABS: { id: Tab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'buildings', label: 'Buildings' },
  { id: 'research', label: 'Research' },
  { id: 'shipyard', label: 'Shipyard' },
  { id: 'fleets', label: 'Fleets' },
  { id: 'galaxy', label: 'Galaxy' },
  { id: 'reports', label: 'Reports' },
  { id: 'wheel', label: 'Lucky wheel' },
  { id: 'notifications', label: 'Notifications' },
];

/** The game screen; the three panels stay in the side column on every tab. */
export function MainScreen() {
  const dispatch = useAppDispatch();
  const tab = useAppSelector((s) => s.ui.tab);
  const unread = useAppSelector((s) => s.notifications.unread);
  const player = useAppSelector((s) => s.session.player);
  return (
    <div className="layout">
      <header className="top">
        <strong className="brand">Starhold</strong>
        <PlanetSwitcher />
        <ResourceBar />
        <span className="who">
          {player?.username}{' '}
          <button type="button" className="link" onClick={() => void dispatch(signOut())}>
            Log out
          </button>
        </span>
      </header>
      <nav className="tabs" role="tablist" aria-label="Screens">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => dispatch(tabChosen(t.id))}>
            {t.label}
            {t.id === 'notifications' && unread > 0 ? ` (${unread})` : ''}
          </button>
        ))}
      </nav>
      <main className="content">
        {tab === 'overview' && <OverviewScreen />}
        {tab === 'buildings' && <BuildingsScreen />}
        {tab === 'research' && <ResearchScreen />}
        {tab === 'shipyard' && <ShipyardScreen />}
        {tab === 'fleets' && <FleetsScreen />}
        {tab === 'galaxy' && <GalaxyScreen />}
        {tab === 'reports' && <ReportsScreen />}
        {tab === 'wheel' && <WheelScreen />}
        {tab === 'notifications' && <NotificationsScreen />}
      </main>
      <aside className="side">
        <ConnectionPanel />
        <EnergyPanel />
        <PresencePanel />
      </aside>
    </div>
  );
}
