// The custom messages between this client and the language server. The
// contract is defined once, next to the server, so both ends compile against
// the same names and shapes; see server/src/lsp/protocol.ts.
export * from '../../server/src/lsp/protocol';
