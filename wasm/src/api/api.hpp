// The core's public face: every function takes a JSON string and returns a JSON
// string in the envelope of api/envelope.hpp. The Embind bindings expose exactly
// these; native tests and benchmarks call them directly. Documented in wasm/README.md.
#pragma once

#include <string>
#include <string_view>

namespace kf::api {

std::string version();
// A deliberately failing call so tests can prove errors cross the boundary as values.
std::string selfTest(std::string_view json);

// The key vault (api/vault_api.cpp; wasm/README.md "## Vault").
std::string vaultCreate(std::string_view json);
std::string vaultUnlock(std::string_view json);
std::string vaultSeal(std::string_view json);
std::string vaultOpen(std::string_view json);
std::string vaultOpenAll(std::string_view json);
std::string vaultRekey(std::string_view json);
std::string vaultExport(std::string_view json);
std::string vaultImport(std::string_view json);

// Exchanges (api/exchange_api.cpp; wasm/README.md): their descriptions, and a signed
// request built from {exchange, operation, credentials, params, nowMs, nonce}.
std::string exchanges();
std::string buildRequest(std::string_view json);
// The trades params to sync: {exchange, assets, symbols, tickers} → {queries:[params]}.
std::string tradeQueries(std::string_view json);
// The params to sync one history operation completely: {exchange, operation, nowMs,
// sinceMs?, assets, symbols, tickers, accounts} → {queries:[params]}.
std::string historyQueries(std::string_view json);
// An exchange's raw answer {exchange, operation, status, headers, body, params} →
// {data, next?} in the normalized model (api/parse_api.cpp).
std::string parseResponse(std::string_view json);
// The same with the raw body as its own argument: meta {exchange, operation, status,
// headers, params}, body the answer's text (what the extension calls; no escaping).
std::string parseResponseBody(std::string_view meta, std::string_view body);

// Report files (api/report_api.cpp, portfolio/report_*.hpp):
// {kind, nowMs, ...} -> {filename, mimeType, content}.
std::string exportReport(std::string_view json);

// Valuation and the demo portfolio (api/portfolio_api.cpp; wasm/README.md "## Portfolio").
std::string portfolioValue(std::string_view json);
std::string demoData(std::string_view json);

// Cost basis and realized gains (api/cost_basis_api.cpp; rules in portfolio/cost_basis.hpp),
// and a synthetic-history benchmark of the same engine {n, method, seed, generateOnly?}.
std::string costBasis(std::string_view json);
std::string costBasisBench(std::string_view json);

}  // namespace kf::api
