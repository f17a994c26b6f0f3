// A focused JSON Schema (2020-12) for the parts of the Compose file format (compose-spec) that
// docker-compose.yml uses, strict about names (a misspelled key fails, as `docker compose config`
// would) and about value shapes. Like Compose, validate after variable interpolation. Written from the Compose specification, not a copy of its schema:
// no compose-spec schema ships in an npm package we have, and no Docker engine runs in CI.

const duration = { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$' };
const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const extensions = { '^x-': {} };

const healthcheck = {
  type: 'object',
  additionalProperties: false,
  patternProperties: extensions,
  properties: {
    test: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, prefixItems: [{ enum: ['NONE', 'CMD', 'CMD-SHELL'] }] }],
    },
    interval: duration,
    timeout: duration,
    start_period: duration,
    start_interval: duration,
    retries: { type: 'integer', minimum: 0 },
    disable: { type: 'boolean' },
  },
};

const service = {
  type: 'object',
  additionalProperties: false,
  patternProperties: extensions,
  properties: {
    image: { type: 'string', minLength: 1 },
    build: {
      oneOf: [
        { type: 'string' },
        {
          type: 'object',
          additionalProperties: false,
          patternProperties: extensions,
          properties: {
            context: { type: 'string' },
            dockerfile: { type: 'string' },
            target: { type: 'string' },
            args: {
              oneOf: [
                { type: 'object', additionalProperties: scalar },
                { type: 'array', items: { type: 'string' } },
              ],
            },
          },
        },
      ],
    },
    restart: { type: 'string', pattern: '^(no|always|unless-stopped|on-failure(:[0-9]+)?)$' },
    depends_on: {
      oneOf: [
        { type: 'array', items: { type: 'string' }, uniqueItems: true },
        {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['condition'],
            properties: {
              condition: { enum: ['service_started', 'service_healthy', 'service_completed_successfully'] },
              restart: { type: 'boolean' },
              required: { type: 'boolean' },
            },
          },
        },
      ],
    },
    environment: {
      oneOf: [
        { type: 'object', additionalProperties: scalar },
        { type: 'array', items: { type: 'string' }, uniqueItems: true },
      ],
    },
    env_file: stringOrList,
    // [host ip:][host port[-end]:]container port[-end][/protocol], after variable interpolation
    ports: {
      type: 'array',
      items: {
        oneOf: [
          { type: 'string', pattern: '^(([0-9.]+|\\[[0-9a-fA-F:]+\\]):)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(/(tcp|udp))?$' },
          { type: 'integer' },
          { type: 'object' },
        ],
      },
    },
    expose: { type: 'array', items: { type: ['string', 'integer'] } },
    volumes: { type: 'array', items: { oneOf: [{ type: 'string', pattern: '^[^:]+:[^:]+(:(ro|rw|z|Z))?$' }, { type: 'object' }] } },
    healthcheck,
    profiles: { type: 'array', items: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$' }, uniqueItems: true },
    command: stringOrList,
    entrypoint: stringOrList,
    user: { type: 'string' },
    read_only: { type: 'boolean' },
    tmpfs: stringOrList,
    cap_drop: { type: 'array', items: { type: 'string' } },
    cap_add: { type: 'array', items: { type: 'string' } },
    security_opt: { type: 'array', items: { type: 'string' } },
    stop_grace_period: duration,
    stop_signal: { type: 'string' },
    init: { type: 'boolean' },
    labels: {
      oneOf: [
        { type: 'object', additionalProperties: { type: 'string' } },
        { type: 'array', items: { type: 'string' } },
      ],
    },
    logging: {
      type: 'object',
      additionalProperties: false,
      properties: { driver: { type: 'string' }, options: { type: 'object', additionalProperties: { type: ['string', 'number', 'null'] } } },
    },
    networks: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object' }] },
    container_name: { type: 'string' },
  },
};

export const composeSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  patternProperties: extensions,
  required: ['services'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    services: { type: 'object', minProperties: 1, propertyNames: { pattern: '^[a-zA-Z0-9._-]+$' }, additionalProperties: service },
    volumes: {
      type: 'object',
      additionalProperties: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            properties: { driver: { type: 'string' }, external: { type: 'boolean' }, name: { type: 'string' } },
            additionalProperties: false,
          },
        ],
      },
    },
    networks: { type: 'object' },
    secrets: { type: 'object' },
    configs: { type: 'object' },
  },
};
