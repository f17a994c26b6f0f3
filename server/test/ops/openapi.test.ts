// The OpenAPI document against the real router: every registered route is documented (and nothing
// else), every error code is described and used, every schema is valid JSON Schema 2020-12 and
// agrees with the zod schema it came from; /api/docs serves a self-contained page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Script } from 'node:vm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { COMMAND_TYPES, ErrorCode, commandPayloadSchemas } from '@starhold/common';
import { buildRouter } from '../../src/http/app.js';
import { ERROR_DOCS, undocumentedErrorCodes } from '../../src/http/openapi/errors-doc.js';
import { startTestServer, type TestServer } from '../harness.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the document is asserted field by field

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every sub-schema of the document: component schemas, parameters, bodies and responses. */
function schemasOf(doc: Json): { where: string; schema: Json }[] {
  const out: { where: string; schema: Json }[] = [];
  for (const [name, schema] of Object.entries(doc.components.schemas as Json)) out.push({ where: `components.${name}`, schema });
  for (const [path, ops] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(ops as Json)) {
      for (const p of op.parameters ?? []) out.push({ where: `${method} ${path} param ${p.name}`, schema: p.schema });
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) out.push({ where: `${method} ${path} body`, schema: body });
      for (const [status, r] of Object.entries(op.responses as Json)) {
        for (const [type, media] of Object.entries((r.content ?? {}) as Json))
          out.push({ where: `${method} ${path} ${status} ${type}`, schema: media.schema });
      }
    }
  }
  return out;
}

describe('OpenAPI document and /api/docs', () => {
  let t: TestServer;
  let doc: Json;
  let ajv: Ajv2020;
  beforeAll(async () => {
    t = await startTestServer();
    const r = await t.api.get('/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    doc = r.body;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    // $refs inside the document resolve against it.
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  });
  afterAll(async () => t?.stop());

  const compile = (schema: Json) => ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"doc#/components/')));

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Starhold API', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents exactly the routes the router has, each with its method', () => {
    const routed = new Set<string>();
    for (const layer of buildRouter(t.services).stack) {
      for (const m of layer.methods.filter((x) => x !== 'HEAD')) routed.add(`${m} ${String(layer.path).replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      for (const method of Object.keys(ops as Json)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    expect(routed.size).toBeGreaterThan(20);
    expect([...routed].filter((r) => !documented.has(r)).sort()).toEqual([]); // undocumented routes
    expect([...documented].filter((d) => !routed.has(d)).sort()).toEqual([]); // documented routes that do not exist
  });

  it('gives every operation a unique id, a summary, a success answer, and path parameters for its placeholders', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        expect(METHODS).toContain(method);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(op.summary).toEqual(expect.any(String));
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))).toBe(true);
        const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        const pathParams = (op.parameters ?? [])
          .filter((p: Json) => p.in === 'path')
          .map((p: Json) => p.name)
          .sort();
        expect({ path, method, params: pathParams }).toEqual({ path, method, params: placeholders });
      }
    }
  });

  it('describes every error code, and every code is answered somewhere', () => {
    expect(undocumentedErrorCodes()).toEqual([]);
    expect([...doc.components.schemas.ErrorCode.enum].sort()).toEqual(Object.values(ErrorCode).sort());
    const used = new Set<string>();
    for (const ops of Object.values(doc.paths as Json)) {
      for (const op of Object.values(ops as Json))
        for (const r of Object.values(op.responses as Json)) for (const c of r['x-error-codes'] ?? []) used.add(c);
    }
    const unused = Object.values(ErrorCode).filter((c) => !used.has(c) && ERROR_DOCS[c]?.scope === undefined);
    expect(unused).toEqual([]);
    // A code is filed under the status it is answered with.
    for (const ops of Object.values(doc.paths as Json)) {
      for (const op of Object.values(ops as Json)) {
        for (const [status, r] of Object.entries(op.responses as Json)) {
          for (const c of (r['x-error-codes'] ?? []) as ErrorCode[])
            expect({ c, status: Number(status) }).toEqual({ c, status: c === ErrorCode.NOT_FOUND ? 404 : ERROR_DOCS[c]!.status });
        }
      }
    }
  });

  it('has only valid JSON Schema 2020-12 schemas', () => {
    const broken: string[] = [];
    for (const { where, schema } of schemasOf(doc)) {
      try {
        compile(schema);
      } catch (e) {
        broken.push(`${where}: ${(e as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('documents request schemas that agree with the zod schemas the server parses with', () => {
    const validate = compile({ $ref: '#/components/schemas/CommandRequest' });
    const good = { clientId: 'client-12345', seq: 1, type: 'buildings.upgrade', payload: { planetId: 1, building: 'metalMine' } };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, payload: { planetId: 1 } })).toBe(false);
    expect(validate({ ...good, type: 'no.such' })).toBe(false);
    for (const type of COMMAND_TYPES) expect(doc.components.schemas[`Command.${type}`]).toBeDefined();
    const spin = compile(doc.components.schemas['Command.wheel.spin']);
    for (const payload of [
      { planetId: 3, clientSeed: 'abc' },
      { planetId: 0, clientSeed: 'abc' },
      { planetId: 3, clientSeed: '' },
      { planetId: 3, clientSeed: 'a', extra: 1 },
    ]) {
      expect({ payload, ok: spin(payload) }).toEqual({ payload, ok: commandPayloadSchemas['wheel.spin'].safeParse(payload).success });
    }
    const register = compile(doc.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema);
    expect(register({ username: 'alice', password: 'correct-horse' })).toBe(true);
    expect(register({ username: 'a', password: 'correct-horse' })).toBe(false);
    const id = doc.paths['/api/v1/planets/{id}'].get.parameters[0];
    expect(id).toMatchObject({ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: expect.any(String) } });
  });

  it('documents success answers from restResponseSchemas, and real answers validate against them', async () => {
    const a = await t.api.register('openapi-reader');
    const answers: [string, string][] = [
      ['/api/v1/me', '/api/v1/me'],
      [`/api/v1/planets/${a.planetId}`, '/api/v1/planets/{id}'],
      ['/api/v1/research', '/api/v1/research'],
      ['/api/v1/wheel', '/api/v1/wheel'],
      ['/api/v1/fleets', '/api/v1/fleets'],
    ];
    for (const [url, path] of answers) {
      const schema = doc.paths[path].get.responses['200'].content['application/json'].schema;
      expect({ path, documented: schema.type }).toEqual({ path, documented: 'object' });
      const r = await t.api.get(url, a.token);
      expect(r.status).toBe(200);
      const validate = compile(schema);
      expect({ path, ok: validate(r.body), errors: validate.errors ?? null }).toEqual({ path, ok: true, errors: null });
      expect({ path, ok: validate({ ...r.body, [Object.keys(r.body)[0]!]: 'not this' }) }).toEqual({ path, ok: false });
    }
    const planet = doc.paths['/api/v1/planets/{id}'].get.responses['200'].content['application/json'].schema;
    expect(planet.required).toEqual(expect.arrayContaining(['production', 'energy', 'queues', 'at']));
    expect(doc.components.schemas['CommandResult.wheel.spin'].required).toEqual(expect.arrayContaining(['spinId', 'outcome', 'commitment']));
  });

  it('serves /api/docs: a page without inline script, its script (valid JavaScript) and its styles', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script src="/api/docs/docs.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // nothing inline (the CSP would block it)
    expect(html).not.toMatch(/https?:\/\//); // no CDN: works without internet
    const js = await fetch(`${t.url}/api/docs/docs.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await js.text();
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain("fetch('/api/openapi.json')");
    expect(source).not.toContain('innerHTML'); // text only: documentation strings cannot inject markup
    const css = await fetch(`${t.url}/api/docs/docs.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
