/** An inbound event's payload and ack callback, however many arguments the client sent. */
export interface EventArgs {
  payload: unknown;
  ack: ((answer: unknown) => void) | undefined;
}

/**
 * Socket.IO appends the ack callback as the last argument, so `(payload, ack)` handler parameters
 * mislabel an event sent with no payload (the ack arrives as the payload) or with extra arguments
 * (an argument arrives as the ack): the client then waits for an answer that never comes. Here the
 * ack is the last argument when it is a function, and the payload the first argument before it.
 */
export function eventArgs(args: unknown[]): EventArgs {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
  const rest = ack ? args.slice(0, -1) : args;
  return { payload: rest[0], ack };
}
