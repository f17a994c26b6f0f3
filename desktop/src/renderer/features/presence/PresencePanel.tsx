import { useAppSelector } from '../../app/store.js';
import { useNow } from '../../ui/useNow.js';
import { ago } from '../../ui/format.js';

const ORDER = { online: 0, away: 1, offline: 2 } as const;

export function PresencePanel() {
  const now = useNow(5000);
  const byId = useAppSelector((s) => s.presence.byId);
  const me = useAppSelector((s) => s.session.player?.id);
  const connected = useAppSelector((s) => s.connection.state === 'connected');
  const list = Object.values(byId).sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.username.localeCompare(b.username));
  return (
    <section role="region" aria-label="Presence" className="panel">
      <h2>Presence</h2>
      {list.length === 0 && <p className="hint">{connected ? 'Nobody else is here.' : 'Unknown while offline.'}</p>}
      {list.length > 0 && !connected && <p className="hint">As of the last connection.</p>}
      <ul className="presence">
        {list.map((p) => (
          <li key={p.playerId} data-testid={`presence-${p.username}`} data-status={p.status}>
            <span className={`badge ${p.status}`}>{p.status}</span> {p.username}
            {p.playerId === me && <span className="hint"> (you)</span>}
            {p.status === 'offline' && <span className="hint"> · last seen {ago(now - Date.parse(p.lastSeenAt))}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
