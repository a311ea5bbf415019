// Protocols and port ranges live in src/net/protocol.ts; this module keeps the binder's import path to them.
export { hasPorts, isIcmp, parsePorts, parseProtocol, PROTO, portsText, protocolName } from '../net/protocol.js';
