import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@starhold/common';
import { ERROR_WORDS, describeError } from '../../src/renderer/net/errors.js';

const message = 'the server says why';

describe('describeError', () => {
  it.each(Object.values(ErrorCode))('words %s for a player and keeps the server message as detail', (code) => {
    const text = describeError({ code, message });
    const head = text.slice(0, -`: ${message}`.length);
    expect(text.endsWith(`: ${message}`)).toBe(true);
    expect(head.length).toBeGreaterThan(0);
    expect(head).not.toBe(code);
    expect(head).toBe(ERROR_WORDS[code]);
  });

  it('has words for exactly the codes the protocol defines', () => {
    expect(Object.keys(ERROR_WORDS).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('words the fleet and shipyard rejections', () => {
    expect(describeError({ code: 'NOT_ENOUGH_SHIPS', message: 'Only 2 smallCargo' })).toBe('Not enough ships on the planet: Only 2 smallCargo');
    expect(describeError({ code: 'FLEET_NOT_RECALLABLE', message: 'Fleet 7 is returning' })).toBe(
      'This fleet can no longer be recalled: Fleet 7 is returning',
    );
    expect(describeError({ code: 'NOT_ENOUGH_FUEL', message: 'Needs 40 deuterium' })).toBe('Not enough deuterium for the fuel: Needs 40 deuterium');
  });

  it('a code this client does not know shows the server message alone', () => {
    // A newer server may send codes this build has never seen.
    const body = { code: 'SOMETHING_NEW', message } as unknown as Parameters<typeof describeError>[0];
    expect(describeError(body)).toBe(message);
  });
});
