// The scenarios every client faces: what the server does on each connection (the query of the
// URL, see server.mjs), the subprotocol the client offers, and the profile wsclose's client is
// told (only where the protocol negotiates no subprotocol, as Discord's Gateway does).
export const SCENARIOS = [
  // Final codes of three profiles: the server closes every connection with the code.
  { name: 'discord-4004', kind: 'final', query: { close: 4004, reason: 'Authentication failed.' }, profile: 'discord-gateway' },
  { name: 'graphql-ws-4400', kind: 'final', query: { close: 4400, reason: 'Bad request' }, protocols: 'graphql-transport-ws' },
  { name: 'centrifuge-4501', kind: 'final', query: { close: 4501, reason: 'unauthorized' }, protocols: 'centrifuge-json' },
  // Retry codes and 1001: the first connection is closed with the code, the next stays open.
  { name: '1012-once', kind: 'comeback', query: { close: 1012, first: 1 } },
  { name: '1013-once', kind: 'comeback', query: { close: 1013, first: 1 } },
  { name: 'centrifuge-4000-once', kind: 'comeback', query: { close: 4000, first: 1 }, protocols: 'centrifuge-json' },
  { name: '1001-once', kind: 'comeback', query: { close: 1001, first: 1 } },
  // A dropped TCP connection (no Close frame): once, then open; and on every connection.
  { name: 'drop-fin-once', kind: 'comeback', query: { drop: 'fin', first: 1 } },
  { name: 'drop-rst-once', kind: 'comeback', query: { drop: 'rst', first: 1 } },
  { name: '1012-always', kind: 'count', query: { close: 1012 } },
  { name: 'drop-always', kind: 'count', query: { drop: 'fin' } },
];

/** The policy time each run covers (fake clock), in ms. */
export const WINDOW_MS = 60_000;
