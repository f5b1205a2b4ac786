// wsclose: WebSocket close status codes (RFC 6455 §7.4, the IANA registry, WHATWG CloseEvent) for
// Node.js, Deno, bundlers and browsers. Every answer comes from wsclose.wasm, the C ABI crate
// (ffi-c) compiled to WebAssembly; every fact (constants, limits, error kinds) from the generated
// ./generated.ts. The files of this package only convert JavaScript values to C arguments and C
// results to JavaScript values and exceptions. The module loads with top-level await, so by the
// time an import resolves, every function is ready to call.
export * from './generated.js';
export { PayloadError, loadWasm, wasm, type WasmSource, type WsCloseExports } from './module.js';
export {
  categoryLabel, classify, classifyMany, constName, description, info, isBrowserCloseable, isLocalOnly, isOk, isSendable, name,
  reconnect, reconnectLabel, version, type CloseEventLike, type CloseInfo, type CodeInfo,
} from './codes.js';
export { encodeClosePayload, parseClosePayload, type Close } from './payload.js';
export {
  Profile, adviceLabel, profileByName, profileBySubprotocol, profiles, type IntentMismatch, type IntentRange, type ProfileCode,
} from './profiles.js';
export { ReconnectPolicy, type Decision, type ReconnectPolicyOptions } from './policy.js';
export { explain, type CauseInfo, type Explanation } from './explain.js';
export { closeEvent, pageClose, resetEvent, type CloseEvent, type DomExceptionName, type SentClose } from './browser.js';
export {
  GiveUpEvent, ReconnectEvent, ReconnectingWebSocket, SocketCloseEvent, SocketErrorEvent, type DecisionOverride, type EngineName,
  type GiveUpReason, type Message, type ProtocolsProvider, type ReconnectDecision, type ReconnectDetail,
  type ReconnectingWebSocketEventMap, type ReconnectingWebSocketOptions, type UrlProvider, type WebSocketConstructor, type WebSocketLike,
} from './reconnect.js';
