// ReconnectingWebSocket: a WebSocket-compatible wrapper, constructed as partysocket's is
// (`new ReconnectingWebSocket(url, protocols?, options?)`), that asks wsclose after every close
// whether and when to connect again. Every answer is the library's: the advice and the delay come
// from ReconnectPolicy.decide (core/src/policy.rs: profile, overrides, jitter, cap, maxAttempts),
// the causes from explain, the checks of a page's close(code, reason) from pageClose. This file
// only keeps the state of one connection after another and converts events.
import { Advice, CloseCode, ENGINE_NAMES, Engine, type ProfileName } from './generated.js';
import { ReconnectPolicy, type ReconnectPolicyOptions } from './policy.js';
import { Profile, profileByName, profileBySubprotocol } from './profiles.js';
import { explain, type Explanation } from './explain.js';
import { pageClose } from './browser.js';
import { describe } from './module.js';

/** What `send` takes: the data types of `WebSocket.send`. */
export type Message = string | ArrayBufferLike | Blob | ArrayBufferView;

/**
 * The part of a WebSocket this wrapper uses: the browser's `WebSocket`, Node.js 22's global one,
 * and the `ws` package's class all have it.
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  readonly extensions: string;
  readonly url: string;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: Message): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: unknown) => void): void;
}

/** A WebSocket class: `new WebSocket(url, protocols?)`. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** The URL to connect to, or a function (sync or async) called before each attempt. */
export type UrlProvider = string | URL | (() => string | URL | Promise<string | URL>);

/** The subprotocols to ask for, or a function (sync or async) called before each attempt. */
export type ProtocolsProvider =
  | string | readonly string[] | null
  | (() => string | readonly string[] | null | Promise<string | readonly string[] | null>);

/** The name of an engine of the browser model. */
export type EngineName = (typeof ENGINE_NAMES)[number];


/**
 * What happens after a close. `reconnect` false: stop for good; true: the next attempt starts
 * after `delayMs` milliseconds.
 */
export interface ReconnectDecision {
  /** Connect again (true) or stop for good (false). */
  readonly reconnect: boolean;
  /**
   * What the close itself calls for under the profile and the policy's settings, attempts aside
   * (`ReconnectPolicy.advice`): `Advice.STOP` when the code is final, `Advice.RESUME` when the
   * protocol resumes its session (Discord's gateway after 4000, say), else `Advice.RETRY` (also
   * when the client stops only because `maxAttempts` attempts were made).
   * From the app's hook: `Advice.STOP` or `Advice.RETRY`, as it decided.
   */
  readonly advice: Advice;
  /** Milliseconds before the next attempt; null when stopping. */
  readonly delayMs: number | null;
  /** Reconnect attempts already made since the connection last stayed open (0: the first). */
  readonly attempt: number;
  /** Who decided: the policy, or the app's `decide` hook. */
  readonly by: 'policy' | 'app';
}

/** What a `decide` hook may return instead of the proposed decision. */
export interface DecisionOverride {
  /** Connect again (true) or stop for good (false). */
  readonly reconnect: boolean;
  /** Milliseconds before the next attempt: required to reconnect after a proposed stop, else the proposed delay. */
  readonly delayMs?: number | undefined;
}

/** Why the client stopped for good: the code is final, the attempts ran out, or the app's hook said so. */
export type GiveUpReason = 'final' | 'max-attempts' | 'app';

/** Settings of a ReconnectingWebSocket; the policy's settings are ReconnectPolicy's. */
export interface ReconnectingWebSocketOptions extends Omit<ReconnectPolicyOptions, 'profile'> {
  /** The WebSocket class; default the global `WebSocket` (Node.js 20 has none: pass the `ws` package's). */
  readonly WebSocket?: WebSocketConstructor | undefined;
  /** The profile to follow, by name or object; default: the one the negotiated subprotocol selects, else none. */
  readonly profile?: ProfileName | Profile | null | undefined;
  /** Milliseconds an attempt may take to open before it counts as failed (1006, unclean). Default 4000. */
  readonly connectionTimeout?: number | undefined;
  /** Milliseconds a connection must stay open for the attempt counter to go back to 0. Default 5000. */
  readonly minUptime?: number | undefined;
  /** Messages `send` queues while not open; one more throws RangeError. Default: no limit. */
  readonly maxEnqueuedMessages?: number | undefined;
  /** Do not connect until `reconnect()` is called. */
  readonly startClosed?: boolean | undefined;
  /** 64 random bits for the policy's jitter (default: crypto.getRandomValues). */
  readonly random?: (() => bigint) | undefined;
  /** The browser engine whose model applies; default: read from navigator.userAgent, else none. */
  readonly engine?: EngineName | null | undefined;
  /** The app's say: return a decision to replace the proposed one, or undefined to keep it. */
  readonly decide?: ((proposed: ReconnectDecision, event: SocketCloseEvent, explanation: Explanation)
    => DecisionOverride | undefined) | undefined;
}

/** The `close` event of one connection: code, reason and wasClean, as a DOM CloseEvent has them. */
export class SocketCloseEvent extends Event {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  constructor(code: number, reason: string, wasClean: boolean) {
    super('close');
    this.code = code;
    this.reason = reason;
    this.wasClean = wasClean;
  }
}

/** The `error` event: the WebSocket's error, a connection timeout, or an error of the URL function or the hook. */
export class SocketErrorEvent extends Event {
  readonly message: string;
  readonly error: unknown;
  constructor(message: string, error: unknown) {
    super('error');
    this.message = message;
    this.error = error;
  }
}

/** Data of the `reconnect` and `giveup` events: why, as wsclose sees it. */
export interface ReconnectDetail {
  readonly decision: ReconnectDecision;
  /** The close that was decided on (as dispatched in the `close` event). */
  readonly closeEvent: SocketCloseEvent;
  /** explain(code, wasClean): the likely causes, most likely first. */
  readonly explanation: Explanation;
  /** The profile the policy followed, or null. */
  readonly profile: Profile | null;
  /** The browser engine whose model applies, or null. */
  readonly engine: EngineName | null;
}

/** Dispatched after a close when the next attempt is scheduled. */
export class ReconnectEvent extends Event implements ReconnectDetail {
  readonly decision: ReconnectDecision;
  readonly closeEvent: SocketCloseEvent;
  readonly explanation: Explanation;
  readonly profile: Profile | null;
  readonly engine: EngineName | null;
  constructor(type: 'reconnect' | 'giveup', detail: ReconnectDetail) {
    super(type);
    this.decision = detail.decision;
    this.closeEvent = detail.closeEvent;
    this.explanation = detail.explanation;
    this.profile = detail.profile;
    this.engine = detail.engine;
  }
}

/** Dispatched after a close when the client stops for good. */
export class GiveUpEvent extends ReconnectEvent {
  readonly reason: GiveUpReason;
  constructor(detail: ReconnectDetail, reason: GiveUpReason) {
    super('giveup', detail);
    this.reason = reason;
  }
}

/** The events of a ReconnectingWebSocket. */
export interface ReconnectingWebSocketEventMap {
  open: Event;
  message: MessageEvent;
  error: SocketErrorEvent;
  close: SocketCloseEvent;
  reconnect: ReconnectEvent;
  giveup: GiveUpEvent;
}

type Handler<E> = ((this: ReconnectingWebSocket, event: E) => unknown) | null;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
const DEFAULT_CONNECTION_TIMEOUT = 4000;
const DEFAULT_MIN_UPTIME = 5000;
/** A close this wrapper reports for an attempt that failed before the WebSocket said how (timeout, URL function). */
const ABNORMAL_CLOSURE = CloseCode.ABNORMAL_CLOSURE;

/** The most milliseconds setTimeout waits (a longer delay would fire at once). */
const MAX_TIMEOUT = 0x7fffffff;

function nonNegative(value: unknown, what: string, fallback: number, limit: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`wsclose: ${what} must be a number, got ${describe(value)}`);
  if (!(value >= 0 && value <= limit)) throw new RangeError(`wsclose: ${what} must be a number in 0..${limit}, got ${describe(value)}`);
  return value;
}

function optionalFunction<F>(value: unknown, what: string): F | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'function') throw new TypeError(`wsclose: ${what} must be a function, got ${describe(value)}`);
  return value as F;
}

/** The engine named by the option, else the one navigator.userAgent names (null outside Chromium and Firefox). */
function engineOf(option: unknown): EngineName | null {
  if (option === null) return null;
  if (option !== undefined) {
    if (typeof option !== 'string' || !(ENGINE_NAMES as readonly string[]).includes(option)) {
      throw new RangeError(`wsclose: engine must be one of ${ENGINE_NAMES.join(', ')} or null, got ${describe(option)}`);
    }
    return option as EngineName;
  }
  const agent = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  if (typeof agent !== 'string') return null;
  if (/\bFirefox\//.test(agent)) return 'firefox';
  if (/\b(?:Chrome|Chromium)\//.test(agent)) return 'chromium';
  return null;
}

function profileOf(option: unknown): Profile | null {
  if (option === undefined || option === null) return null;
  if (option instanceof Profile) return option;
  if (typeof option !== 'string') throw new TypeError(`wsclose: profile must be a profile name or a Profile, got ${describe(option)}`);
  const profile = profileByName(option);
  if (profile === null) throw new RangeError(`wsclose: no profile is called ${describe(option)}`);
  return profile;
}

/** UTF-8 bytes of a queued message, as WebSocket.bufferedAmount counts them. */
function byteLength(data: Message): number {
  if (typeof data === 'string') {
    let bytes = 0;
    for (let i = 0; i < data.length; i++) {
      const unit = data.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < data.length && (data.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  return (data as ArrayBufferLike | ArrayBufferView).byteLength;
}

interface Policies {
  /** The policy the client follows. */
  readonly policy: ReconnectPolicy;
  /** The same without maxAttempts, to tell a final code from attempts that ran out; null without maxAttempts. */
}

/**
 * A WebSocket that connects again after a close when wsclose says to, and stops for good when
 * the close is final for its profile. Constructed as partysocket's ReconnectingWebSocket is.
 *
 * The attempt counter (`attempt` of each decision) counts the attempts since the connection last
 * stayed open for `minUptime` ms; `reconnect()` also sets it back to 0.
 */
export class ReconnectingWebSocket extends EventTarget {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;
  readonly CONNECTING = CONNECTING;
  readonly OPEN = OPEN;
  readonly CLOSING = CLOSING;
  readonly CLOSED = CLOSED;

  onopen: Handler<Event> = null;
  onmessage: Handler<MessageEvent> = null;
  onerror: Handler<SocketErrorEvent> = null;
  onclose: Handler<SocketCloseEvent> = null;
  onreconnect: Handler<ReconnectEvent> = null;
  ongiveup: Handler<GiveUpEvent> = null;

  readonly #url: UrlProvider;
  readonly #protocols: ProtocolsProvider;
  readonly #WebSocket: WebSocketConstructor;
  readonly #profile: Profile | null;
  readonly #policyOptions: Omit<ReconnectPolicyOptions, 'profile'>;
  readonly #policies = new Map<Profile | null, Policies>();
  readonly #connectionTimeout: number;
  readonly #minUptime: number;
  readonly #maxEnqueued: number;
  readonly #random: (() => bigint) | null;
  readonly #engine: EngineName | null;
  readonly #hook: NonNullable<ReconnectingWebSocketOptions['decide']> | null;

  #socket: WebSocketLike | null = null;
  /** Bumped by every attempt and by close(): a callback of an older one does nothing. */
  #generation = 0;
  #stopped: boolean;
  #attempt = 0;
  #queue: Message[] = [];
  #binaryType: string | null = null;
  #lastUrl = '';
  #lastProtocol = '';
  #lastExtensions = '';
  #negotiated: Profile | null = null;
  #delayTimer: ReturnType<typeof setTimeout> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #uptimeTimer: ReturnType<typeof setTimeout> | undefined;
  #offline = false;
  #waitingOnline = false;
  #listening = false;

  /**
   * Throws TypeError/RangeError for options of the wrong type or range (the policy's are checked
   * by ReconnectPolicy), and TypeError when there is no WebSocket class.
   */
  constructor(url: UrlProvider, protocols?: ProtocolsProvider, options: ReconnectingWebSocketOptions = {}) {
    super();
    if (typeof url !== 'string' && typeof url !== 'function' && !(url instanceof URL)) {
      throw new TypeError(`wsclose: url must be a string, a URL or a function returning one, got ${describe(url)}`);
    }
    if (protocols !== undefined && protocols !== null && typeof protocols !== 'string' && typeof protocols !== 'function' &&
        !Array.isArray(protocols)) {
      throw new TypeError(`wsclose: protocols must be a string, an array of strings or a function, got ${describe(protocols)}`);
    }
    if (typeof options !== 'object' || options === null) throw new TypeError('wsclose: ReconnectingWebSocket takes an options object');
    const WebSocketClass: unknown = options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    if (typeof WebSocketClass !== 'function') {
      throw new TypeError('wsclose: no WebSocket class: pass options.WebSocket (on Node.js 20, the `ws` package\'s WebSocket)');
    }
    this.#url = url;
    this.#protocols = protocols ?? null;
    this.#WebSocket = WebSocketClass as WebSocketConstructor;
    this.#profile = profileOf(options.profile);
    const { baseMs, capMs, maxAttempts, retryUnspecified, overrides } = options;
    this.#policyOptions = { baseMs, capMs, maxAttempts, retryUnspecified, overrides };
    this.#policiesFor(this.#profile); // checks the policy's settings now
    this.#connectionTimeout = nonNegative(options.connectionTimeout, 'connectionTimeout', DEFAULT_CONNECTION_TIMEOUT, MAX_TIMEOUT);
    this.#minUptime = nonNegative(options.minUptime, 'minUptime', DEFAULT_MIN_UPTIME, MAX_TIMEOUT);
    this.#maxEnqueued = nonNegative(options.maxEnqueuedMessages, 'maxEnqueuedMessages', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    this.#random = optionalFunction<() => bigint>(options.random, 'random');
    this.#engine = engineOf(options.engine);
    this.#hook = optionalFunction<NonNullable<ReconnectingWebSocketOptions['decide']>>(options.decide, 'decide');
    if (options.startClosed !== undefined && typeof options.startClosed !== 'boolean') {
      throw new TypeError(`wsclose: startClosed must be a boolean, got ${describe(options.startClosed)}`);
    }
    // The on* handlers run as the first listener of their event, as a WebSocket's do.
    for (const type of ['open', 'message', 'error', 'close', 'reconnect', 'giveup'] as const) {
      super.addEventListener(type, (event) => {
        const handler = this[`on${type}`] as Handler<Event>;
        if (typeof handler === 'function') handler.call(this, event);
      });
    }
    this.#stopped = options.startClosed === true;
    if (!this.#stopped) {
      this.#listenOnline(true);
      this.#connect();
    }
  }

  // -------------------------------------------------------------------------------------------
  // The WebSocket API

  /** CONNECTING while an attempt runs or the next one waits; CLOSED once stopped for good. */
  get readyState(): number {
    const state = this.#socket?.readyState;
    if (this.#stopped) return state ?? CLOSED;
    return state === OPEN || state === CLOSING ? state : CONNECTING;
  }

  /** The URL of the current or last attempt ('' before the first). */
  get url(): string { return this.#socket?.url ?? this.#lastUrl; }
  /** The subprotocol the server selected on the current or last connection. */
  get protocol(): string { return this.#socket?.protocol ?? this.#lastProtocol; }
  /** The extensions the server selected on the current or last connection. */
  get extensions(): string { return this.#socket?.extensions ?? this.#lastExtensions; }

  /** The socket's binaryType; set here, it applies to every later connection. */
  get binaryType(): BinaryType {
    return (this.#socket?.binaryType ?? this.#binaryType ?? 'blob') as BinaryType;
  }
  set binaryType(value: BinaryType) {
    this.#binaryType = value;
    if (this.#socket !== null) this.#socket.binaryType = value;
  }

  /** Bytes queued by send() while not open, plus the open socket's own bufferedAmount. */
  get bufferedAmount(): number {
    let total = this.#socket?.bufferedAmount ?? 0;
    for (const message of this.#queue) total += byteLength(message);
    return total;
  }

  /** The profile the policy follows: the option, else the one the last negotiated subprotocol selected, else null. */
  get profile(): Profile | null { return this.#profile ?? this.#negotiated; }
  /** The browser engine whose model applies, or null. */
  get engine(): EngineName | null { return this.#engine; }
  /** Reconnect attempts made since the connection last stayed open. */
  get attempt(): number { return this.#attempt; }

  /**
   * Sends now when open (returns true); otherwise queues the message for the next connection
   * (returns false), which gets the queue in order before its `open` event. Throws RangeError
   * when `maxEnqueuedMessages` messages are queued already.
   */
  send(data: Message): boolean {
    const socket = this.#socket;
    if (socket !== null && socket.readyState === OPEN) {
      socket.send(data);
      return true;
    }
    if (this.#queue.length >= this.#maxEnqueued) {
      throw new RangeError(`wsclose: the send queue is full (maxEnqueuedMessages ${this.#maxEnqueued})`);
    }
    this.#queue.push(data);
    return false;
  }

  /**
   * Closes the connection and ends reconnection for good (a pending attempt is cancelled). The
   * code and reason are checked as the engine's `WebSocket.close` checks them (pageClose; the
   * Chromium model where no engine applies): it throws the same DOMException.
   */
  close(code?: number, reason?: string): void {
    const sent = pageClose(Engine[this.#engineKey()], code, reason);
    this.#stop();
    const socket = this.#socket;
    if (socket !== null && (socket.readyState === OPEN || socket.readyState === CONNECTING)) {
      if (sent.code === null) socket.close();
      else socket.close(sent.code, sent.reason);
    }
  }

  /**
   * Closes the current connection, if any (without dispatching its events), and connects again
   * now, with the attempt counter at 0; also after close() or a give-up. Checks code and reason
   * as close() does.
   */
  reconnect(code?: number, reason?: string): void {
    const sent = code === undefined && reason === undefined ? null : pageClose(Engine[this.#engineKey()], code, reason);
    const socket = this.#retire();
    if (socket !== null && (socket.readyState === OPEN || socket.readyState === CONNECTING)) {
      if (sent === null || sent.code === null) socket.close();
      else socket.close(sent.code, sent.reason);
    }
    this.#stopped = false;
    this.#attempt = 0;
    this.#listenOnline(true);
    this.#connect();
  }

  override addEventListener<K extends keyof ReconnectingWebSocketEventMap>(type: K,
    listener: ((this: ReconnectingWebSocket, event: ReconnectingWebSocketEventMap[K]) => unknown) | null,
    options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof ReconnectingWebSocketEventMap>(type: K,
    listener: ((this: ReconnectingWebSocket, event: ReconnectingWebSocketEventMap[K]) => unknown) | null,
    options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  // -------------------------------------------------------------------------------------------
  // One attempt after another

  #engineKey(): 'CHROMIUM' | 'FIREFOX' {
    return this.#engine === 'firefox' ? 'FIREFOX' : 'CHROMIUM';
  }

  #policiesFor(profile: Profile | null): Policies {
    let found = this.#policies.get(profile);
    if (found === undefined) {
      found = { policy: new ReconnectPolicy({ ...this.#policyOptions, profile }) };
      this.#policies.set(profile, found);
    }
    return found;
  }

  /** Ends reconnection: cancels the timers and the wait for `online`. */
  #stop(): void {
    this.#stopped = true;
    this.#generation++;
    clearTimeout(this.#delayTimer);
    clearTimeout(this.#connectTimer);
    clearTimeout(this.#uptimeTimer);
    this.#waitingOnline = false;
    this.#listenOnline(false);
  }

  /** Detaches the current socket: its later events are ignored. */
  #retire(): WebSocketLike | null {
    const socket = this.#socket;
    this.#socket = null;
    this.#generation++;
    clearTimeout(this.#delayTimer);
    clearTimeout(this.#connectTimer);
    clearTimeout(this.#uptimeTimer);
    this.#waitingOnline = false;
    return socket;
  }

  #connect(): void {
    if (this.#stopped) return;
    const generation = ++this.#generation;
    void this.#attemptConnection(generation);
  }

  async #attemptConnection(generation: number): Promise<void> {
    let url: string;
    let protocols: string | string[] | null;
    try {
      const given = typeof this.#url === 'function' ? await this.#url() : this.#url;
      if (typeof given !== 'string' && !(given instanceof URL)) {
        throw new TypeError(`wsclose: the url function must return a string or a URL, got ${describe(given)}`);
      }
      url = String(given);
      const asked = typeof this.#protocols === 'function' ? await this.#protocols() : this.#protocols;
      protocols = asked === null ? null : typeof asked === 'string' ? asked : [...asked];
    } catch (error) {
      if (generation === this.#generation) this.#failed(error, 'the url or protocols function failed');
      return;
    }
    if (generation !== this.#generation || this.#stopped) return;
    let socket: WebSocketLike;
    try {
      socket = protocols === null ? new this.#WebSocket(url) : new this.#WebSocket(url, protocols);
    } catch (error) {
      this.#failed(error, 'the WebSocket constructor threw');
      return;
    }
    this.#socket = socket;
    this.#lastUrl = url;
    if (this.#binaryType !== null) socket.binaryType = this.#binaryType;
    // The listeners stay (so that a `ws` socket always has an error listener); once the socket is
    // no longer the current one, they do nothing.
    socket.addEventListener('open', () => {
      if (this.#socket === socket) this.#opened(socket);
    });
    // The `ws` package's events are its own classes, with the same fields as the DOM's.
    socket.addEventListener('message', (message) => {
      const event = message as { data: unknown };
      if (this.#socket === socket) this.dispatchEvent(new MessageEvent('message', { data: event.data }));
    });
    socket.addEventListener('error', (error) => {
      const event = error as { message?: unknown; error?: unknown };
      if (this.#socket !== socket) return;
      const message = typeof event.message === 'string' ? event.message : 'WebSocket error';
      this.dispatchEvent(new SocketErrorEvent(message, event.error ?? event));
    });
    socket.addEventListener('close', (close) => {
      const event = close as { code?: unknown; reason?: unknown; wasClean?: unknown };
      if (this.#socket !== socket) return;
      this.#closed(new SocketCloseEvent(
        typeof event.code === 'number' ? event.code : ABNORMAL_CLOSURE,
        typeof event.reason === 'string' ? event.reason : '',
        event.wasClean === true));
    });
    this.#connectTimer = setTimeout(() => {
      if (this.#socket !== socket || socket.readyState !== CONNECTING) return;
      this.#retire();
      try { socket.close(); } catch { /* the attempt is dropped either way */ }
      this.#failed(new Error(`connection timeout after ${this.#connectionTimeout} ms`), 'connection timeout');
    }, this.#connectionTimeout);
  }

  /** An attempt that failed before its WebSocket could report a close: error, then a 1006 close. */
  #failed(error: unknown, message: string): void {
    this.#socket = null;
    clearTimeout(this.#connectTimer);
    this.dispatchEvent(new SocketErrorEvent(message, error));
    this.#closed(new SocketCloseEvent(ABNORMAL_CLOSURE, '', false));
  }

  #opened(socket: WebSocketLike): void {
    clearTimeout(this.#connectTimer);
    this.#lastProtocol = socket.protocol;
    this.#lastExtensions = socket.extensions;
    this.#negotiated = profileBySubprotocol(socket.protocol);
    clearTimeout(this.#uptimeTimer);
    this.#uptimeTimer = setTimeout(() => {
      if (this.#socket === socket) this.#attempt = 0;
    }, this.#minUptime);
    const queue = this.#queue;
    this.#queue = [];
    for (const message of queue) socket.send(message);
    this.dispatchEvent(new Event('open'));
  }

  #closed(event: SocketCloseEvent): void {
    this.#socket = null;
    clearTimeout(this.#connectTimer);
    clearTimeout(this.#uptimeTimer);
    this.dispatchEvent(event);
    // A close listener may have called close() (stop) or reconnect() (a new attempt runs).
    if (this.#stopped || this.#socket !== null) return;
    const generation = this.#generation;
    const detail = this.#decide(event);
    if (this.#stopped || generation !== this.#generation) return; // the hook called close() or reconnect()
    const { decision } = detail;
    if (decision.reconnect && decision.delayMs !== null) {
      this.#attempt++;
      this.#wait(decision.delayMs, () => {
        if (this.#offline) this.#waitingOnline = true;
        else this.#connect();
      });
      this.dispatchEvent(new ReconnectEvent('reconnect', detail));
    } else {
      this.#stop();
      const reason: GiveUpReason = decision.by === 'app' ? 'app' : decision.advice === Advice.STOP ? 'final' : 'max-attempts';
      this.dispatchEvent(new GiveUpEvent(detail, reason));
    }
  }

  /** Runs `then` after `ms` milliseconds, in steps setTimeout can wait. */
  #wait(ms: number, then: () => void): void {
    if (ms > MAX_TIMEOUT) this.#delayTimer = setTimeout(() => this.#wait(ms - MAX_TIMEOUT, then), MAX_TIMEOUT);
    else this.#delayTimer = setTimeout(then, ms);
  }

  /** The policy's decision after `event`, then the app's hook. */
  #decide(event: SocketCloseEvent): ReconnectDetail {
    const profile = this.profile;
    const { policy } = this.#policiesFor(profile);
    const { code, wasClean } = event;
    const attempt = this.#attempt;
    const explanation = explain(code, wasClean);
    const proposed = this.#random === null ? policy.decide(code, wasClean, attempt) : policy.decide(code, wasClean, attempt, this.#random);
    // What the close calls for (STOP: final; RESUME or RETRY), whatever the attempt limit says.
    const advice = policy.advice(code, wasClean);
    let decision: ReconnectDecision = proposed.stop
      ? Object.freeze({ reconnect: false, advice, delayMs: null, attempt, by: 'policy' as const })
      : Object.freeze({ reconnect: true, advice, delayMs: proposed.delayMs, attempt, by: 'policy' as const });
    if (this.#hook !== null) {
      try {
        const hook = this.#hook;
        const override: unknown = hook(decision, event, explanation);
        if (override !== undefined) decision = overridden(override, decision);
      } catch (error) {
        // The proposal stands; the app learns why its hook was not followed.
        this.dispatchEvent(new SocketErrorEvent(`the decide hook failed: ${error instanceof Error ? error.message : String(error)}`, error));
      }
    }
    return Object.freeze({ decision, closeEvent: event, explanation, profile, engine: this.#engine });
  }

  // -------------------------------------------------------------------------------------------
  // offline / online (browsers): after `offline`, the next attempt waits for `online`.

  readonly #onOffline = (): void => {
    this.#offline = true;
  };

  readonly #onOnline = (): void => {
    this.#offline = false;
    if (this.#waitingOnline) {
      this.#waitingOnline = false;
      this.#connect();
    }
  };

  #listenOnline(on: boolean): void {
    const global = globalThis as { addEventListener?: unknown; removeEventListener?: unknown; navigator?: { onLine?: unknown } };
    if (typeof global.addEventListener !== 'function' || typeof global.removeEventListener !== 'function') return;
    if (on === this.#listening) return;
    this.#listening = on;
    if (on) {
      this.#offline = global.navigator?.onLine === false;
      (global.addEventListener as EventTarget['addEventListener'])('offline', this.#onOffline);
      (global.addEventListener as EventTarget['addEventListener'])('online', this.#onOnline);
    } else {
      (global.removeEventListener as EventTarget['removeEventListener'])('offline', this.#onOffline);
      (global.removeEventListener as EventTarget['removeEventListener'])('online', this.#onOnline);
    }
  }
}

/** A decide hook's return value as a decision, else TypeError/RangeError. */
function overridden(value: unknown, proposed: ReconnectDecision): ReconnectDecision {
  if (typeof value !== 'object' || value === null || typeof (value as DecisionOverride).reconnect !== 'boolean') {
    throw new TypeError(`wsclose: a decide hook returns { reconnect: boolean, delayMs? } or undefined, got ${describe(value)}`);
  }
  const { reconnect, delayMs } = value as DecisionOverride;
  const { attempt } = proposed;
  if (!reconnect) return Object.freeze({ reconnect, advice: Advice.STOP, delayMs: null, attempt, by: 'app' as const });
  const delay = delayMs ?? proposed.delayMs;
  if (delay === null) throw new TypeError('wsclose: a decide hook that reconnects after a proposed stop must give delayMs');
  return Object.freeze({ reconnect, advice: Advice.RETRY, delayMs: nonNegative(delay, 'delayMs', 0, Number.MAX_SAFE_INTEGER), attempt, by: 'app' as const });
}
