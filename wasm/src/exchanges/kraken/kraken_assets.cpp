#include "exchanges/kraken/kraken_assets.hpp"

namespace kf::exchanges::kraken {

namespace {

struct Alias {
  std::string_view kraken, common;
};

// Kraken's legacy prefixed names and its own spellings, from its Assets endpoint.
constexpr Alias kAliases[] = {
    {"XXBT", "BTC"},  {"XBT", "BTC"},  {"XXDG", "DOGE"}, {"XDG", "DOGE"}, {"XETH", "ETH"},
    {"XETC", "ETC"},  {"XLTC", "LTC"}, {"XXRP", "XRP"},  {"XXLM", "XLM"}, {"XXMR", "XMR"},
    {"XZEC", "ZEC"},  {"XREP", "REP"}, {"XMLN", "MLN"},  {"XICN", "ICN"}, {"XNMC", "NMC"},
    {"XXVN", "XVN"},  {"XDAO", "DAO"}, {"ZUSD", "USD"},  {"ZEUR", "EUR"}, {"ZGBP", "GBP"},
    {"ZCAD", "CAD"},  {"ZJPY", "JPY"}, {"ZAUD", "AUD"},  {"ZCHF", "CHF"}, {"ZKRW", "KRW"},
    {"REPV2", "REP"}, {"ETH2", "ETH"},
};

struct Suffix {
  std::string_view suffix, account;
};

constexpr Suffix kSuffixes[] = {{".S", "staked"}, {".P", "staked"},  {".M", "earn"}, {".F", "earn"},
                                {".B", "earn"},   {".HOLD", "hold"}, {".T", "spot"}};

// Quote assets of Kraken pairs, in the spellings pair names use.
constexpr std::string_view kQuotes[] = {"ZUSD", "ZEUR", "ZGBP",  "ZCAD",  "ZJPY", "ZAUD", "ZCHF",
                                        "XXBT", "XETH", "PYUSD", "RLUSD", "USDT", "USDC", "USDG",
                                        "USDQ", "EURQ", "USD",   "EUR",   "GBP",  "CAD",  "JPY",
                                        "AUD",  "CHF",  "XBT",   "ETH",   "DAI",  "DOT",  "AED"};

std::string commonName(std::string_view code) {
  for (const auto& a : kAliases)
    if (a.kraken == code) return std::string(a.common);
  return std::string(code);
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

NormalizedAsset normalizeAsset(std::string_view code) {
  std::string account = "spot";
  std::string_view base = code;
  const auto dot = code.find('.');
  if (dot != std::string_view::npos) {
    for (const auto& s : kSuffixes) {
      if (code.substr(dot) == s.suffix) {
        account = std::string(s.account);
        base = code.substr(0, dot);
        break;
      }
    }
    // Bonded staking: two digits of lock length before the suffix (DOT28.S).
    if (base.size() != code.size() && base.size() >= 4 && digit(base[base.size() - 1]) &&
        digit(base[base.size() - 2]) && !digit(base[base.size() - 3]))
      base.remove_suffix(2);
  }
  if (base == "ETH2") account = "staked";  // ETH staked on the beacon chain
  return {commonName(base), account};
}

std::optional<std::pair<std::string, std::string>> splitPair(std::string_view pair) {
  std::string_view best;
  for (auto quote : kQuotes) {
    if (pair.size() > quote.size() && pair.substr(pair.size() - quote.size()) == quote &&
        quote.size() > best.size())
      best = quote;
  }
  if (best.empty()) return std::nullopt;
  return std::make_pair(normalizeAsset(pair.substr(0, pair.size() - best.size())).asset,
                        commonName(best));
}

}  // namespace kf::exchanges::kraken
