import type { BookingDto, DaySummariesDto, ErrorBody, FloorViewDto, MeDto, SiteDto } from './api-types';

/** Headers that say who is calling: a Teams SSO bearer token, or the dev identity headers. */
export type AuthHeaders = () => Promise<Readonly<Record<string, string>>>;

/** An answer other than 2xx, or no answer at all (status 0, code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: ErrorBody,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A rule said no (DESK_TAKEN, TOO_CLOSE, …): the message says which and why. */
  get isRefusal(): boolean {
    return this.status === 409 || this.status === 403;
  }
}

export interface ApiClientOptions {
  readonly auth: AuthHeaders;
  /** Sent as Accept-Language, so that the server words reasons and refusals in the tab's language. */
  readonly locale: string;
  /** Shown when the server cannot be reached. */
  readonly networkMessage: string;
  readonly baseUrl?: string;
  /** Told after every call whether the server answered (false: no answer, or a gateway's 502/503/504). */
  readonly onReachable?: (reachable: boolean) => void;
}

/** The REST API of DESIGN.md, over fetch. Every call carries the caller's identity and language. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  me(signal?: AbortSignal): Promise<MeDto> {
    return this.request('GET', '/api/me', undefined, signal);
  }

  sites(signal?: AbortSignal): Promise<SiteDto[]> {
    return this.request('GET', '/api/sites', undefined, signal);
  }

  /**
   * The floor on a day. Polled every second or so, so it is a conditional GET: the last answer's ETag goes along, and
   * a 304 means the floor is as it was (the server skips sending it; the tab skips re-rendering it).
   */
  async floor(floorId: string, date: string | undefined, signal?: AbortSignal, forPersonId?: string): Promise<FloorViewDto> {
    // With forPersonId, the day of a colleague one may book for ("Book for"); the server checks that one may.
    const params = new URLSearchParams({ ...(date && { date }), ...(forPersonId && { forPersonId }) }).toString();
    const path = `/api/floors/${encodeURIComponent(floorId)}${params ? `?${params}` : ''}`;
    const cached = this.conditional.get(path);
    const answer = await this.request<FloorViewDto>('GET', path, undefined, signal, cached?.etag);
    if ((answer as unknown) !== NOT_MODIFIED) return answer;
    if (cached) return cached.body as FloorViewDto;
    throw new ApiError(304, 'NOT_MODIFIED', 'The server answered "not modified" to a request that named no version');
  }

  days(floorId: string, signal?: AbortSignal): Promise<DaySummariesDto> {
    return this.request('GET', `/api/floors/${encodeURIComponent(floorId)}/days`, undefined, signal);
  }

  /** Moves one's booking to another desk the same day (the server cancels the old one and books the new one). */
  move(bookingId: string, deskId: string, requestId: string = newRequestId()): Promise<BookingDto> {
    return this.request('POST', `/api/bookings/${encodeURIComponent(bookingId)}/move`, { deskId, requestId });
  }

  /** A fresh request id per attempt: a retried POST of the same attempt returns the same booking. */
  book(deskId: string, date: string, requestId: string = newRequestId()): Promise<BookingDto> {
    return this.request('POST', '/api/bookings', { deskId, date, requestId });
  }

  bookings(signal?: AbortSignal, range?: { from: string; to: string }): Promise<BookingDto[]> {
    const query = range ? `?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : '';
    return this.request('GET', `/api/bookings${query}`, undefined, signal);
  }

  cancel(bookingId: string): Promise<void> {
    return this.request('DELETE', `/api/bookings/${encodeURIComponent(bookingId)}`);
  }

  /** Puts the caller on a day's waitlist: a freed desk is then held for them in turn (see DESIGN.md, Everyday API). */
  joinWaitlist(date: string, siteId?: string, wish: { zoneId?: string; attributes?: readonly string[] } = {}): Promise<{ id: string; position: number }> {
    const { zoneId, attributes } = wish;
    return this.request('POST', '/api/waitlist', { date, ...(siteId && { siteId }), ...(zoneId && { zoneId }), ...(attributes && attributes.length > 0 && { attributes }) });
  }

  /** Gives a checked-in desk back for the rest of the day (the person leaves early). */
  release(bookingId: string): Promise<BookingDto> {
    return this.request('POST', `/api/bookings/${encodeURIComponent(bookingId)}/release`);
  }

  checkIn(bookingId: string): Promise<BookingDto> {
    return this.request('POST', `/api/bookings/${encodeURIComponent(bookingId)}/check-in`);
  }

  /** Any JSON call of the API (the Admin tab's routes), with the same identity, language and errors as the rest. */
  call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.request(method, path, body);
  }

  /** A file the API offers (CSV, calendar): the body as it came, for the browser to save. With a body, a POST. */
  async download(path: string, accept: string, body?: unknown): Promise<Blob> {
    const headers = { accept, 'accept-language': this.options.locale, ...(body !== undefined && { 'content-type': 'application/json' }), ...(await this.options.auth()) };
    const res = await fetch(`${this.options.baseUrl ?? ''}${path}`, { headers, cache: 'no-store', credentials: 'same-origin', ...(body !== undefined && { method: 'POST', body: JSON.stringify(body) }) });
    if (!res.ok) {
      const json = (await res.json().catch(() => undefined)) as unknown;
      const err = isErrorBody(json) ? json : undefined;
      throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`, err);
    }
    return res.blob();
  }

  /** Sends a file as the raw body (a floor-plan image); the answer is JSON like any other. */
  async upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
    const headers = { accept: 'application/json', 'accept-language': this.options.locale, 'content-type': contentType, ...(await this.options.auth()) };
    const res = await fetch(`${this.options.baseUrl ?? ''}${path}`, { method: 'PUT', headers, body: file, cache: 'no-store', credentials: 'same-origin' });
    const json = (await res.json().catch(() => undefined)) as unknown;
    if (!res.ok) {
      const err = isErrorBody(json) ? json : undefined;
      throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`, err);
    }
    return json as T;
  }

  private readonly conditional = new Map<string, { etag: string; body: unknown }>();

  private async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, etag?: string): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.options.locale,
      ...(await this.options.auth()),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (etag) headers['if-none-match'] = etag;
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl ?? ''}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(signal && { signal }),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      this.options.onReachable?.(false);
      throw new ApiError(0, 'NETWORK', this.options.networkMessage);
    }
    this.options.onReachable?.(res.status !== 502 && res.status !== 503 && res.status !== 504);
    if (res.status === 304) return NOT_MODIFIED as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = isErrorBody(json) ? json : undefined;
      throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`, err);
    }
    const tag = res.headers.get('etag');
    if (method === 'GET' && tag) this.conditional.set(path, { etag: tag, body: json });
    return json as T;
  }
}

const NOT_MODIFIED = Symbol('not modified');

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string' && typeof (value as ErrorBody).message === 'string';
}

export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address is not one.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
