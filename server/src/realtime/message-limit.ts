import { ErrorCode, type ErrorBody } from '@starhold/common';
import { Decoder, PacketType } from 'socket.io-parser';
import type { GatewaySocket } from './types.js';

/** The documented limit of one socket message (docs/protocol.md): like the 64 KiB REST body limit. */
export const MESSAGE_LIMIT_BYTES = 64 * 1024;
/** Engine.IO's own limit (`maxHttpBufferSize`): a larger frame closes the connection unread. */
export const TRANSPORT_LIMIT_BYTES = 1024 * 1024;

/** Stands in for the arguments of an event message over the limit; no client can send this (it is no JSON). */
export class OversizedMessage {
  constructor(
    readonly event: string | undefined,
    readonly bytes: number,
  ) {}
}

interface Header {
  type: number;
  nsp: string;
  id: number | undefined;
  attachments: number;
  length: number;
}

/** `<type>[<attachments>-][<nsp>,][<id>]<json>`: the packet header as socket.io-parser reads it, without the JSON. */
function headerOf(str: string): Header | undefined {
  const m = /^([0-6])(?:(\d{1,3})-)?(?:(\/[^,]{0,200}),)?(\d{1,15})?/.exec(str.slice(0, 256));
  if (!m) return undefined;
  return {
    type: Number(m[1]),
    attachments: Number(m[2] ?? 0),
    nsp: m[3] ?? '/',
    id: m[4] === undefined ? undefined : Number(m[4]),
    length: m[0].length,
  };
}

/** The event name at the start of an event's JSON arguments (`["name",…`), if it is a plain short string. */
function eventNameOf(str: string, from: number): string | undefined {
  return /^\["([^"\\]{1,64})"/.exec(str.slice(from, from + 80))?.[1];
}

const byteLength = (s: string): number => (s.length * 3 <= MESSAGE_LIMIT_BYTES ? s.length : Buffer.byteLength(s));

/**
 * socket.io-parser's decoder, with the application's message limit: an event message (text, or
 * binary with its attachments) over MESSAGE_LIMIT_BYTES is not parsed; it arrives as an event whose
 * only argument is an OversizedMessage, so that `refuseOversized` can answer its ack and the
 * connection stays. Everything else is decoded as usual.
 */
export class LimitedDecoder extends Decoder {
  /** An oversized binary event whose attachments are still arriving (and are dropped). */
  private skipping: { header: Header; event: string | undefined; bytes: number; left: number } | undefined;
  /** A binary event within the limit so far, reconstructed by the parent decoder. */
  private binary: { header: Header; event: string | undefined; bytes: number; left: number } | undefined;

  override add(obj: unknown): void {
    if (typeof obj !== 'string') {
      this.addAttachment(obj);
      return;
    }
    const bytes = byteLength(obj);
    const header = headerOf(obj);
    if (header?.type === PacketType.BINARY_EVENT && header.attachments > 0) {
      const state = { header, event: eventNameOf(obj, header.length), bytes, left: header.attachments };
      if (bytes > MESSAGE_LIMIT_BYTES) {
        this.skipping = state;
        return;
      }
      this.binary = state;
    } else if (header?.type === PacketType.EVENT && bytes > MESSAGE_LIMIT_BYTES) {
      this.emitOversized(header, eventNameOf(obj, header.length), bytes);
      return;
    }
    super.add(obj);
  }

  override destroy(): void {
    this.skipping = undefined;
    this.binary = undefined;
    super.destroy();
  }

  private addAttachment(obj: unknown): void {
    const size = Buffer.isBuffer(obj) ? obj.length : obj instanceof ArrayBuffer ? obj.byteLength : ArrayBuffer.isView(obj) ? obj.byteLength : 0;
    if (this.binary) {
      const b = this.binary;
      b.bytes += size;
      b.left -= 1;
      if (b.bytes > MESSAGE_LIMIT_BYTES) {
        super.destroy(); // drops what the parent decoder collected so far
        this.binary = undefined;
        this.skipping = b;
      } else {
        if (b.left === 0) this.binary = undefined;
        super.add(obj);
        return;
      }
    } else if (this.skipping) {
      this.skipping.bytes += size;
      this.skipping.left -= 1;
    } else {
      super.add(obj);
      return;
    }
    if (this.skipping.left <= 0) {
      const s = this.skipping;
      this.skipping = undefined;
      this.emitOversized(s.header, s.event, s.bytes);
    }
  }

  private emitOversized(header: Header, event: string | undefined, bytes: number): void {
    this.emitReserved('decoded', { type: PacketType.EVENT, nsp: header.nsp, id: header.id, data: [new OversizedMessage(event, bytes)] });
  }
}

/** Socket middleware: answers an oversized event's ack with PAYLOAD_TOO_LARGE (in the event's ack shape) and drops the event. */
export function refuseOversized(): Parameters<GatewaySocket['use']>[0] {
  return (packet, next) => {
    const first: unknown = packet[0];
    if (!(first instanceof OversizedMessage)) {
      next();
      return;
    }
    const ack: unknown = packet.at(-1);
    if (typeof ack !== 'function') return;
    const error: ErrorBody = {
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: `A socket message may have at most ${MESSAGE_LIMIT_BYTES} bytes; this one had ${first.bytes}`,
      details: { limitBytes: MESSAGE_LIMIT_BYTES },
    };
    (ack as (answer: unknown) => void)(first.event === 'auth:refresh' ? { ok: false, error } : { status: 'error', error });
  };
}
