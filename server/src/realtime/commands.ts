import { ErrorCode, commandEnvelopeSchema, type CommandAck } from '@starhold/common';
import { validationError } from '../core/errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';
import { runCommand } from '../commands/pipeline.js';
import { eventArgs } from './args.js';
import { errorBodyOf } from './errors.js';
import type { GatewaySocket } from './types.js';

/**
 * `command ({clientId, seq, type, payload}, ack)`: the REST pipeline over the socket. Commands of
 * one connection run one at a time in arrival order (after `hello`), so a client may pipeline
 * seq n, n+1, … without waiting. The ack is the CommandOutcome, or `{status:'error'}` when the
 * command was not processed (bad envelope, foreign clientId, rate limit, database down).
 */
export function bindCommands(
  s: Services,
  socket: GatewaySocket,
  metrics: Metrics,
  ready: Promise<unknown>,
  track: (p: Promise<unknown>) => void,
): void {
  let tail: Promise<unknown> = ready.catch(() => undefined);
  socket.on('command', (...args: unknown[]) => {
    const received = performance.now();
    const { payload: raw, ack } = eventArgs(args);
    if (ack === undefined) return; // no way to answer: commands must be emitted with an ack
    const reply = (a: CommandAck) => {
      metrics.ackLatency.observe((performance.now() - received) / 1000);
      ack(a);
    };
    const parsed = commandEnvelopeSchema.safeParse(raw);
    if (!parsed.success) {
      reply({ status: 'error', error: validationError(parsed.error).toBody() });
      return;
    }
    const envelope = parsed.data;
    if (envelope.clientId !== socket.data.clientId) {
      reply({ status: 'error', error: { code: ErrorCode.CLIENT_MISMATCH, message: 'clientId differs from the one given in the handshake' } });
      return;
    }
    const playerId = socket.data.playerId;
    tail = tail.then(async () => {
      if (!socket.connected) return; // the client resends after reconnecting
      try {
        await s.commandLimits.hit(String(playerId));
        reply(await runCommand(s, s.commands, playerId, envelope));
      } catch (e) {
        reply({ status: 'error', error: errorBodyOf(e, s.logger, { during: 'command', type: envelope.type }) });
      }
    });
    track(tail);
  });
}
