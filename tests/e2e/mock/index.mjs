// Public entry point of the mock exchanges (see README.md).
export { startMockExchanges, certificate } from './server.mjs';
export { defaultState, keysFor, setBalance, addTrades, revokeKey } from './state.mjs';
export { mockRequest } from './client.mjs';
export { binanceQuery, binanceSign, krakenSign, coinbaseJwt } from './signers.mjs';
