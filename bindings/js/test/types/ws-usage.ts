// Compiled (not run) by test/types.test.mjs: on Node.js the `ws` package's class (typed by
// @types/ws) fits the client's WebSocket option, and info() takes the `ws` package's close event.
import { WebSocket } from 'ws';
import { info, type CloseInfo } from 'wsclose';
import { ReconnectingWebSocket } from 'wsclose/reconnect';

const socket = new ReconnectingWebSocket('ws://127.0.0.1:8080', undefined, { WebSocket, profile: 'discord-gateway' });
const raw = new WebSocket('ws://127.0.0.1:8080');
raw.addEventListener('close', (event) => {
  const facts: CloseInfo = info(event);
  void facts;
});
void socket;
import type { WebSocketLike } from 'wsclose/reconnect';
const like: WebSocketLike = raw;
void like;
