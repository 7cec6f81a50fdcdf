// The demo's raw material (demo_script.cpp): a fixed script of deposits, trades and
// withdrawals, the account moves applied to the resulting balances, and the tickers.
// demo.cpp turns it into the normalized model.
#pragma once

#include <string>
#include <vector>

namespace kf::portfolio::demo {

struct Event {
  enum class Kind { Deposit, Withdrawal, Buy, Sell };
  Kind kind;
  std::string exchange;
  int daysAgo;        // before the UTC day of nowMs
  int hour;           // hour of that day
  std::string asset;  // deposit/withdrawal asset, or the trade's base
  std::string quote;  // trade quote; empty for transfers
  std::string amount;
  std::string price;  // trades only
  std::string fee;
  std::string feeAsset;  // trades only
  std::string network;   // crypto transfers only
};

// Part of a balance moved out of spot into another account.
struct AccountMove {
  std::string exchange, asset, account, amount;
};

struct DemoTicker {
  std::string exchange, base, quote, last, open24h;
};

// Chronological (daysAgo descending).
const std::vector<Event>& events();
const std::vector<AccountMove>& accountMoves();
const std::vector<DemoTicker>& tickers();

}  // namespace kf::portfolio::demo
