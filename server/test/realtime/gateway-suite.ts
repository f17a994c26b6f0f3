// The setup most gateway test files share: one test server with the gateway for the describe
// block, and a `connect` whose clients are all closed before the server stops.
import { afterAll, beforeAll } from '@jest/globals';
import { gatewayPlugin, type GatewayPlugin } from '../../src/realtime/gateway.js';
import type { ControlBus } from '../../src/control/bus.js';
import type { Services } from '../../src/services.js';
import { startTestServer, type TestServer } from '../harness.js';
import { connectClient, newClientId, type TestClient } from './client.js';

export interface GatewaySuite {
  /** Every client opened through `connect`, in order. */
  readonly open: TestClient[];
  /** A client with a fresh clientId (unless given) and, by default, `lastSeq: 0`. */
  connect(token: string, opts?: { clientId?: string; lastSeq?: number | null }): Promise<TestClient>;
}

/**
 * Registers beforeAll/afterAll for the calling describe block; `started` receives the server and
 * its gateway (tests keep them in their own `let`s).
 */
export function gatewaySuite(
  env: Record<string, string>,
  started: (t: TestServer, gw: GatewayPlugin) => void,
  opts: { controlBus?: (s: Services) => ControlBus } = {},
): GatewaySuite {
  let server: TestServer | undefined;
  const open: TestClient[] = [];
  beforeAll(async () => {
    let gw: GatewayPlugin | undefined;
    server = await startTestServer({ env, plugins: () => [(gw = gatewayPlugin(opts))] });
    started(server, gw!);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.stop();
  });
  return {
    open,
    async connect(token, opts = {}) {
      const lastSeq = 'lastSeq' in opts ? opts.lastSeq : 0;
      const c = await connectClient(
        server!.url,
        lastSeq === undefined ? { token, clientId: opts.clientId ?? newClientId() } : { token, clientId: opts.clientId ?? newClientId(), lastSeq },
      );
      open.push(c);
      return c;
    },
  };
}
