import type {
  BattleReportView,
  CommandEnvelope,
  CommandOutcome,
  CommandPayload,
  ErrorBody,
  EspionageReportView,
  FleetList,
  FleetPreview,
  GalaxyView,
  HealthResponse,
  MeResponse,
  PlanetView,
  PresenceList,
  ResearchResponse,
  RestResponse,
  RotateSeedResponse,
  SessionResponse,
  ShipyardResponse,
  WheelHistory,
  WheelStatus,
} from '@starhold/common';
import { ApiError, NetworkError, SessionExpiredError } from './errors.js';
import type { TokenKeeper } from './tokens.js';

export interface RequestOptions {
  auth?: boolean;
  timeoutMs?: number;
  /** Any status whose body is a CommandOutcome (409 gap, 422 rejected) is an answer, not an error. */
  outcome?: boolean;
}

const OUTCOME_STATUSES = new Set(['applied', 'rejected', 'duplicate', 'gap']);
function isOutcome(x: unknown): x is CommandOutcome {
  return typeof x === 'object' && x !== null && OUTCOME_STATUSES.has(String((x as { status?: unknown }).status));
}

function isErrorBody(x: unknown): x is { error: ErrorBody } {
  return typeof x === 'object' && x !== null && typeof (x as { error?: { code?: unknown } }).error?.code === 'string';
}

/** Normalizes a server address typed by a player: scheme added, no trailing slash. */
export function normalizeServerUrl(input: string): string {
  let s = input.trim();
  if (!/^https?:\/\//i.test(s)) s = `http://${s}`;
  const u = new URL(s);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/** Plain call used by the TokenKeeper (no auth header, no retry). */
export async function postJson<T>(serverUrl: string, path: string, body: unknown, timeoutMs = 10_000): Promise<T> {
  return send<T>(serverUrl, 'POST', path, body, undefined, timeoutMs, false);
}

async function send<T>(
  serverUrl: string,
  method: string,
  path: string,
  body: unknown,
  token: string | undefined,
  timeoutMs: number,
  outcome: boolean,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(serverUrl + path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
  } catch (e) {
    throw new NetworkError(e instanceof Error ? e.message : String(e));
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (res.ok) return parsed as T;
  if (outcome && res.status !== 401 && res.status !== 429 && isOutcome(parsed)) return parsed as T;
  if (isErrorBody(parsed)) throw new ApiError(res.status, parsed.error);
  if (res.status >= 500 || res.status === 0) throw new NetworkError(`server answered ${res.status}`);
  throw new ApiError(res.status, { code: 'INTERNAL', message: `Unexpected answer ${res.status}` });
}

/** The REST API of one server, with the access token attached and renewed on AUTH_EXPIRED. */
export class RestClient {
  constructor(
    private readonly serverUrl: () => string,
    private readonly tokens: TokenKeeper,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const auth = opts.auth ?? true;
    const timeout = opts.timeoutMs ?? 10_000;
    const oc = opts.outcome ?? false;
    if (!auth) return send<T>(this.serverUrl(), method, path, body, undefined, timeout, oc);
    const token = this.tokens.accessToken();
    if (!token) throw new SessionExpiredError('Not signed in');
    try {
      return await send<T>(this.serverUrl(), method, path, body, token, timeout, oc);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      if (e.code !== 'AUTH_EXPIRED' && e.code !== 'AUTH_INVALID') throw new SessionExpiredError();
      const renewed = await this.tokens.refresh();
      return send<T>(this.serverUrl(), method, path, body, renewed.accessToken, timeout, oc);
    }
  }

  register(username: string, password: string): Promise<SessionResponse> {
    return this.request('POST', '/api/v1/auth/register', { username, password }, { auth: false });
  }
  login(username: string, password: string): Promise<SessionResponse> {
    const deviceToken = this.tokens.deviceToken(this.serverUrl(), username);
    return this.request('POST', '/api/v1/auth/login', { username, password, ...(deviceToken ? { deviceToken } : {}) }, { auth: false });
  }
  logout(refreshToken: string): Promise<void> {
    return this.request('POST', '/api/v1/auth/logout', { refreshToken }, { auth: false });
  }
  health(): Promise<HealthResponse> {
    return this.request('GET', '/api/v1/health', undefined, { auth: false, timeoutMs: 4000 });
  }
  me(): Promise<MeResponse> {
    return this.request('GET', '/api/v1/me');
  }
  planet(id: number): Promise<PlanetView> {
    return this.request('GET', `/api/v1/planets/${id}`);
  }
  research(): Promise<ResearchResponse> {
    return this.request('GET', '/api/v1/research');
  }
  presence(): Promise<PresenceList> {
    return this.request('GET', '/api/v1/presence');
  }
  wheel(): Promise<WheelStatus> {
    return this.request('GET', '/api/v1/wheel');
  }
  wheelHistory(limit = 20): Promise<WheelHistory> {
    return this.request('GET', `/api/v1/wheel/history?limit=${limit}`);
  }
  rotateSeed(): Promise<RotateSeedResponse> {
    return this.request('POST', '/api/v1/wheel/rotate-seed');
  }
  shipyard(planetId: number): Promise<ShipyardResponse> {
    return this.request('GET', `/api/v1/planets/${planetId}/shipyard`);
  }
  fleets(): Promise<FleetList> {
    return this.request('GET', '/api/v1/fleets');
  }
  fleetPreview(plan: CommandPayload<'fleets.send'>): Promise<FleetPreview> {
    return this.request('POST', '/api/v1/fleets/preview', plan);
  }
  galaxy(galaxy: number, system: number): Promise<GalaxyView> {
    return this.request('GET', `/api/v1/galaxy/${galaxy}/${system}`);
  }
  battleReports(): Promise<RestResponse<'GET /api/v1/reports/battles'>> {
    return this.request('GET', '/api/v1/reports/battles?limit=50');
  }
  battleReport(id: number): Promise<BattleReportView> {
    return this.request('GET', `/api/v1/reports/battles/${id}`);
  }
  espionageReports(): Promise<RestResponse<'GET /api/v1/reports/espionage'>> {
    return this.request('GET', '/api/v1/reports/espionage?limit=50');
  }
  espionageReport(id: number): Promise<EspionageReportView> {
    return this.request('GET', `/api/v1/reports/espionage/${id}`);
  }
  /** POST /api/v1/commands answers a CommandOutcome for applied, duplicate, gap (409) and rejected (4xx). */
  async command(envelope: CommandEnvelope): Promise<CommandOutcome> {
    try {
      return await this.request<CommandOutcome>('POST', '/api/v1/commands', envelope, { outcome: true });
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401 && e.status !== 429 && e.status < 500) {
        return { status: 'rejected', error: e.body };
      }
      throw e;
    }
  }
}
