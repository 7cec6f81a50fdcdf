// Builders for the records of the normalized model (wasm/README.md), so every
// exchange module emits the same keys in the same form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/decimal.hpp"

namespace kf::exchanges::response {

struct BalanceRow {
  std::string asset;    // common ticker
  std::string account;  // spot | earn | staked | funding | margin | futures | hold
  Decimal free;
  Decimal locked;
};

// The Balance record, total = free + locked; nullopt when the total is zero (dropped).
std::optional<nlohmann::json> balance(std::string_view exchange, const BalanceRow& row);

struct TradeRow {
  std::string id;
  int64_t time = 0;
  std::string base, quote;
  std::string side;  // buy | sell
  std::string amount, price, cost, feeAsset, fee;
};
nlohmann::json trade(std::string_view exchange, const TradeRow& row);

struct TransferRow {
  std::string type;  // deposit | withdrawal
  std::string id;
  int64_t time = 0;
  std::string asset, amount, fee, network, address, txid;
  std::string status;  // ok | pending | failed | canceled
};
nlohmann::json transfer(std::string_view exchange, const TransferRow& row);

struct LedgerRow {
  std::string id, refid;
  int64_t time = 0;
  std::string type, subtype, asset, account, amount, fee, balance;
};
nlohmann::json ledgerEntry(std::string_view exchange, const LedgerRow& row);

struct TickerRow {
  std::string base, quote, last;
  std::optional<std::string> open24h = std::nullopt, bid = std::nullopt, ask = std::nullopt;
};
nlohmann::json ticker(std::string_view exchange, const TickerRow& row);

struct CandleRow {
  std::string base, quote;
  int64_t time = 0;
  std::string open, high, low, close, volume;
};
nlohmann::json candle(std::string_view exchange, const CandleRow& row);

// "BTC/USD": the normalized symbol of a market.
std::string symbol(std::string_view base, std::string_view quote);

// A copy of `params` with `changes` merged in: the `next` a caller hands back unchanged.
nlohmann::json nextParams(const nlohmann::json& params, const nlohmann::json& changes);

}  // namespace kf::exchanges::response
