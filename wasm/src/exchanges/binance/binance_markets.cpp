// Which markets to ask for trades. Binance's myTrades answers one symbol per request
// series at weight 20 each (exchange-apis.md §1.4), and Binance lists well over a thousand
// markets, so asking for all of them would spend minutes of the weight budget. A trade
// in a market changes the balance of both its assets, so a market can only hold your
// trades if both assets were yours at some point: held now, or seen in stored history.
// The markets chosen are every known or hand-added symbol plus every listed market
// whose base and quote are both in that asset set. What this misses (a coin bought and
// fully sold or dust-converted, never deposited or withdrawn) is why symbols can be
// added by hand; the historyNotes say so.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/error.hpp"
#include "exchanges/binance/binance.hpp"
#include "exchanges/binance/binance_assets.hpp"

namespace kf::exchanges {

namespace {

using nlohmann::json;

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Binance's symbol alphabet (rest-api.md: ^[A-Z0-9-_.]{1,20}$).
bool validSymbol(std::string_view symbol) {
  return !symbol.empty() && symbol.size() <= 20 &&
         std::all_of(symbol.begin(), symbol.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) ||
                  std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

using Markets = std::map<std::string, std::pair<std::string, std::string>>;  // symbol → base, quote

void addMarket(Markets& markets, const std::string& base, const std::string& quote,
               std::string_view what) {
  const std::string symbol = base + quote;
  if (base.empty() || quote.empty() || !validSymbol(symbol))
    throw CoreError(ErrorKind::InvalidInput,
                    std::string(what) + ": '" + base + "/" + quote +
                        "' is not a Binance market (letters and digits, at most 20 in all)");
  markets.emplace(symbol, std::make_pair(base, quote));  // the first spelling wins
}

// "BTC/USDT", or Binance's own "BTCUSDT" split by the listed markets first, then by the
// known quote assets.
void addSymbol(Markets& markets, const std::string& given, const Markets& listed, size_t index) {
  const std::string what = "symbols[" + std::to_string(index) + "]";
  const std::string symbol = upper(given);
  if (const auto slash = symbol.find('/'); slash != std::string::npos) {
    addMarket(markets, symbol.substr(0, slash), symbol.substr(slash + 1), what);
    return;
  }
  if (const auto it = listed.find(symbol); it != listed.end()) {
    addMarket(markets, it->second.first, it->second.second, what);
    return;
  }
  if (const auto split = binance::splitSymbol(symbol)) {
    addMarket(markets, split->first, split->second, what);
    return;
  }
  throw CoreError(ErrorKind::InvalidInput, what + ": cannot tell the base and quote of '" +
                                               given.substr(0, 40) +
                                               "'; write it as BASE/QUOTE, e.g. BTC/USDT");
}

}  // namespace

std::vector<json> Binance::tradeQueries(const TradeQueryInput& input) const {
  std::set<std::string> assets;
  for (const auto& asset : input.assets) assets.insert(upper(asset));

  Markets listed, chosen;
  for (size_t i = 0; i < input.tickers.size(); ++i) {
    const Market& m = input.tickers[i];
    const std::string base = upper(m.base), quote = upper(m.quote);
    const std::string what = "tickers[" + std::to_string(i) + "]";
    addMarket(listed, base, quote, what);
    if (assets.count(base) && assets.count(quote)) addMarket(chosen, base, quote, what);
  }
  for (size_t i = 0; i < input.symbols.size(); ++i) addSymbol(chosen, input.symbols[i], listed, i);

  std::vector<json> queries;  // std::map: sorted by symbol, each once
  queries.reserve(chosen.size());
  for (const auto& [symbol, market] : chosen)
    queries.push_back({{"symbol", symbol}, {"base", market.first}, {"quote", market.second}});
  return queries;
}

}  // namespace kf::exchanges
