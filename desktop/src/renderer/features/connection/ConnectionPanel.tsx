import { useAppSelector } from '../../app/store.js';
import { useNow } from '../../ui/useNow.js';
import { ago } from '../../ui/format.js';

const STATE_TEXT = { connected: 'connected', connecting: 'connecting', offline: 'offline' } as const;

export function ConnectionPanel() {
  const now = useNow(1000);
  const c = useAppSelector((s) => s.connection);
  const serverUrl = useAppSelector((s) => s.session.serverUrl);
  const outbox = useAppSelector((s) => s.outbox);
  return (
    <section role="region" aria-label="Connection" className={`panel conn-${c.state}`}>
      <h2>Connection</h2>
      <dl>
        <dt>State</dt>
        <dd data-testid="connection-state">
          <span className="dot" aria-hidden="true" />
          {STATE_TEXT[c.state]}
        </dd>
        <dt>Latency</dt>
        <dd data-testid="connection-latency">{c.latencyMs === null ? '—' : `${c.latencyMs} ms`}</dd>
        <dt>Transport</dt>
        <dd data-testid="connection-transport">{c.transport}</dd>
        <dt>Server</dt>
        <dd data-testid="connection-server" className="mono">
          {serverUrl ?? '—'}
        </dd>
        <dt>Outbox</dt>
        <dd data-testid="outbox-count" title={`stored in ${outbox.storageKind}`}>
          {outbox.commands.length}
        </dd>
        <dt>Last sync</dt>
        <dd data-testid="connection-last-sync">{c.lastSyncAt === null ? 'never' : ago(now - c.lastSyncAt)}</dd>
        <dt>Reconnects</dt>
        <dd data-testid="connection-attempts">{c.attempts}</dd>
      </dl>
      {c.error && c.state !== 'connected' && <p className="hint">{c.error}</p>}
    </section>
  );
}
