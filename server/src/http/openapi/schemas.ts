// Schemas of the OpenAPI document that are not a route's success answer. Success answers come from
// `restResponseSchemas` (common/src/protocol/rest.ts), the same schemas the client's types are
// inferred from and the server's tests parse every answer with; request schemas are the very zod
// schemas the routes parse with.
import { z } from 'zod';

export const errorResponse = z.object({
  error: z.object({
    code: z.string().describe('A stable code from the ErrorCode list (components.schemas.ErrorCode)'),
    message: z.string().describe('For people; may change'),
    details: z.unknown().optional().describe('Machine-readable extras, per code'),
  }),
});

export const commandOutcome = z.union([
  z.object({ status: z.literal('applied'), result: z.unknown().describe("The command's result: see `commandResultSchemas` and docs/protocol.md") }),
  z.object({ status: z.literal('rejected'), error: errorResponse.shape.error }),
  z.object({ status: z.literal('duplicate'), original: z.literal('applied'), result: z.unknown() }),
  z.object({ status: z.literal('duplicate'), original: z.literal('rejected'), error: errorResponse.shape.error }),
  z
    .object({ status: z.literal('duplicate'), original: z.literal('unknown') })
    .describe('A seq processed so long ago that its answer is no longer kept (command_log retention); it was not run again'),
  z.object({ status: z.literal('gap'), expected: z.number().int().describe('The seq the server expects next') }),
]);

/** Anything JSON: for this document itself. */
export const jsonObject = z.object({}).loose();
