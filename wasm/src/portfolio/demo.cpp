#include "portfolio/demo.hpp"

#include <map>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "model/decimal.hpp"
#include "portfolio/demo_script.hpp"
#include "portfolio/price_graph.hpp"

namespace kf::portfolio {

namespace {

using demo::Event;
using nlohmann::json;

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kMinNowMs = 978'307'200'000;     // 2001-01-01
constexpr int64_t kMaxNowMs = 32'503'680'000'000;  // 3000-01-01

// Deterministic id material (splitmix64 over FNV-1a): ids only need to look
// plausible and stay stable, not to be secret.
uint64_t mix(std::string_view label, uint64_t round) {
  uint64_t h = 1469598103934665603ULL;
  for (const char c : label) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  uint64_t z = h + (round + 1) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string symbols(std::string_view label, std::string_view alphabet, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += alphabet[mix(label, i) % alphabet.size()];
  return out;
}

constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Each exchange's id style: Binance numbers, Coinbase UUIDs, Kraken "TXXXXX-XXXXX-XXXXXX".
std::string idFor(const std::string& exchange, const std::string& label, std::size_t index) {
  if (exchange == "binance")
    return std::to_string(3'100'000'000ULL + mix(label, 99) % 900'000'000ULL);
  if (exchange == "coinbase") {
    const std::string h = symbols(label, kHex, 32);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) +
           "-" + h.substr(20, 12);
  }
  const std::string b = symbols(label, kBase32, 17);
  return std::string(index % 2 ? "L" : "T") + b.substr(1, 5) + "-" + b.substr(6, 5) + "-" +
         b.substr(11, 6);
}

std::string addressFor(const std::string& network, const std::string& label) {
  if (network == "ETH") return "0x" + symbols(label, kHex, 40);
  if (network == "TRX")
    return "T" + symbols(label, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789", 33);
  return "bc1q" + symbols(label, "023456789acdefghjklmnpqrstuvwxyz", 38);
}

Decimal dec(const std::string& s) {
  return Decimal::parse(s);
}

// Applies the script, checking that no balance ever goes negative.
class Ledger {
 public:
  void add(const std::string& exchange, const std::string& asset, const Decimal& amount) {
    Decimal& b = balances_[{exchange, asset}];
    b += amount;
    if (b.isNegative())
      throw CoreError(ErrorKind::Internal, "demo script overdraws " + asset + " on " + exchange);
  }
  const std::map<std::pair<std::string, std::string>, Decimal>& balances() const {
    return balances_;
  }

 private:
  std::map<std::pair<std::string, std::string>, Decimal> balances_;
};

json tradeJson(const Event& e, std::size_t index, int64_t time, Ledger& ledger) {
  const Decimal amount = dec(e.amount), price = dec(e.price), fee = dec(e.fee);
  const Decimal cost = amount * price;
  const bool isBuy = e.kind == Event::Kind::Buy;
  ledger.add(e.exchange, e.asset, isBuy ? amount : -amount);
  ledger.add(e.exchange, e.quote, isBuy ? -cost : cost);
  ledger.add(e.exchange, e.feeAsset, -fee);
  return {{"exchange", e.exchange},
          {"id", idFor(e.exchange, "trade-" + std::to_string(index), 0)},
          {"time", time},
          {"symbol", e.asset + "/" + e.quote},
          {"base", e.asset},
          {"quote", e.quote},
          {"side", isBuy ? "buy" : "sell"},
          {"amount", e.amount},
          {"price", e.price},
          {"cost", cost.toPlainString()},
          {"feeAsset", e.feeAsset},
          {"fee", e.fee}};
}

json transferJson(const Event& e, std::size_t index, int64_t time, Ledger& ledger) {
  const bool isDeposit = e.kind == Event::Kind::Deposit;
  const Decimal amount = dec(e.amount), fee = dec(e.fee);
  ledger.add(e.exchange, e.asset, isDeposit ? amount : -(amount + fee));
  json out = {{"exchange", e.exchange},
              {"type", isDeposit ? "deposit" : "withdrawal"},
              {"id", idFor(e.exchange, "transfer-" + std::to_string(index), 1)},
              {"time", time},
              {"asset", e.asset},
              {"amount", e.amount},
              {"fee", e.fee},
              {"network", nullptr},
              {"address", nullptr},
              {"txid", nullptr},
              {"status", "ok"}};
  if (!e.network.empty()) {
    // Both sides of a move between exchanges share the on-chain transaction.
    const std::string chainLabel = e.asset + "|" + e.amount + "|" + std::to_string(e.daysAgo);
    const bool eth = e.network == "ETH";
    out["network"] = e.network;
    out["address"] = addressFor(eth ? "ETH" : e.network, "address-" + chainLabel);
    out["txid"] = (eth ? "0x" : "") + symbols("tx-" + chainLabel, kHex, 64);
  }
  return out;
}

json holdingJson(const std::string& exchange, const std::string& account, const std::string& asset,
                 const Decimal& total) {
  const std::string t = total.toPlainString();
  return {{"exchange", exchange}, {"account", account}, {"asset", asset}, {"free", t},
          {"locked", "0"},        {"total", t}};
}

json holdingsJson(const Ledger& ledger) {
  // Exchange display order, then asset; spot first, then the moved parts.
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, amount] : ledger.balances()) keys.push_back(key);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? exchangeBefore(a.first, b.first) : a.second < b.second;
  });
  json out = json::array();
  for (const auto& key : keys) {
    Decimal spot = ledger.balances().at(key);
    json moved = json::array();
    for (const auto& m : demo::accountMoves()) {
      if (m.exchange != key.first || m.asset != key.second) continue;
      spot -= dec(m.amount);
      moved.push_back(holdingJson(m.exchange, m.account, m.asset, dec(m.amount)));
    }
    if (spot.isNegative())
      throw CoreError(ErrorKind::Internal, "demo moves more " + key.second + " than held");
    if (!spot.isZero()) out.push_back(holdingJson(key.first, "spot", key.second, spot));
    for (auto& m : moved) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

json demoData(int64_t nowMs) {
  if (nowMs < kMinNowMs || nowMs > kMaxNowMs)
    throw CoreError(ErrorKind::InvalidInput,
                    "field 'nowMs' must be a time in ms between 2001 and 3000");
  const int64_t dayStart = nowMs - nowMs % kDay;
  Ledger ledger;
  json trades = json::array(), transfers = json::array();
  const auto& events = demo::events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    // Minutes vary by index so events do not all sit on the hour.
    const int64_t time = dayStart - e.daysAgo * kDay + e.hour * kHour +
                         static_cast<int64_t>((i * 17) % 60) * 60'000 +
                         static_cast<int64_t>(i) * 1'000;
    if (e.kind == Event::Kind::Buy || e.kind == Event::Kind::Sell)
      trades.push_back(tradeJson(e, i, time, ledger));
    else
      transfers.push_back(transferJson(e, i, time, ledger));
  }
  json tickers = json::array();
  for (const auto& t : demo::tickers())
    tickers.push_back({{"exchange", t.exchange},
                       {"symbol", t.base + "/" + t.quote},
                       {"base", t.base},
                       {"quote", t.quote},
                       {"last", t.last},
                       {"open24h", t.open24h}});
  return {{"holdings", holdingsJson(ledger)},
          {"tickers", std::move(tickers)},
          {"trades", std::move(trades)},
          {"transfers", std::move(transfers)}};
}

}  // namespace kf::portfolio
