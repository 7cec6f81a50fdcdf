#include "portfolio/report_balances.hpp"

#include <optional>
#include <vector>

#include "model/decimal.hpp"
#include "portfolio/csv_writer.hpp"
#include "portfolio/report_input.hpp"
#include "portfolio/report_time.hpp"

namespace kf::report {

namespace {

struct Split {
  std::string exchange, account;
  Decimal amount;
  std::optional<Decimal> value;
};

struct AssetLine {
  std::string asset;
  Decimal amount;
  std::optional<Decimal> price, value, share;
  std::vector<Split> split;
};

struct Holding {
  std::string exchange, account, asset;
  std::optional<Decimal> free, locked;  // valuation needs only the total
  Decimal total;
  bool used = false;  // matched by a snapshot row
};

struct Unpriced {
  std::string asset, exchanges;
  Decimal amount;
};

struct Balances {
  std::string currency;
  std::optional<Decimal> total;  // null when nothing could be priced
  std::vector<AssetLine> assets;
  std::vector<Unpriced> unpricedRows;
  std::vector<Holding> holdings;
  nlohmann::json exchanges = nlohmann::json::array();
  nlohmann::json unpriced = nlohmann::json::array();
};

Balances parse(const nlohmann::json& input) {
  Balances b;
  const auto& snap = objectField(input, "snapshot", "");
  b.currency = textField(snap, "currency", "snapshot");
  b.total = optionalDecimal(snap, "total", "snapshot");
  const auto& assets = arrayField(snap, "assets", "snapshot");
  for (std::size_t i = 0; i < assets.size(); ++i) {
    const std::string path = indexPath("snapshot.assets", i);
    const auto& a = objectAt(assets, i, "snapshot.assets");
    AssetLine line;
    line.asset = textField(a, "asset", path);
    line.amount = decimalField(a, "amount", path);
    line.price = optionalDecimal(a, "price", path);
    line.value = optionalDecimal(a, "value", path);
    line.share = optionalDecimal(a, "share", path);
    if (a.contains("split") && !a["split"].is_null()) {
      const auto& split = arrayField(a, "split", path);
      const std::string splitPath = joinPath(path, "split");
      for (std::size_t k = 0; k < split.size(); ++k) {
        const std::string sp = indexPath(splitPath, k);
        const auto& s = objectAt(split, k, splitPath);
        line.split.push_back({textField(s, "exchange", sp), optionalText(s, "account", sp),
                              decimalField(s, "amount", sp), optionalDecimal(s, "value", sp)});
      }
    }
    b.assets.push_back(std::move(line));
  }
  // Passed through to the JSON file as the valuation produced them.
  if (snap.contains("exchanges") && !snap["exchanges"].is_null())
    b.exchanges = arrayField(snap, "exchanges", "snapshot");
  if (snap.contains("unpriced") && !snap["unpriced"].is_null()) {
    b.unpriced = arrayField(snap, "unpriced", "snapshot");
    // Entries are {asset, amount, exchanges:[...]} (portfolioValue); listed in the CSV
    // when no holdings are given.
    for (std::size_t i = 0; i < b.unpriced.size(); ++i) {
      const std::string path = indexPath("snapshot.unpriced", i);
      const auto& u = objectAt(b.unpriced, i, "snapshot.unpriced");
      Unpriced row{textField(u, "asset", path), "", decimalField(u, "amount", path)};
      if (u.contains("exchanges") && !u["exchanges"].is_null()) {
        const auto& names = arrayField(u, "exchanges", path);
        for (std::size_t k = 0; k < names.size(); ++k) {
          if (!names[k].is_string())
            badField(indexPath(joinPath(path, "exchanges"), k), "must be a string");
          row.exchanges += (row.exchanges.empty() ? "" : " ") + names[k].get<std::string>();
        }
      }
      b.unpricedRows.push_back(std::move(row));
    }
  }

  if (input.contains("holdings") && !input["holdings"].is_null()) {
    const auto& holdings = arrayField(input, "holdings", "");
    for (std::size_t i = 0; i < holdings.size(); ++i) {
      const std::string path = indexPath("holdings", i);
      const auto& h = objectAt(holdings, i, "holdings");
      Holding row{textField(h, "exchange", path),     textField(h, "account", path),
                  textField(h, "asset", path),        optionalDecimal(h, "free", path),
                  optionalDecimal(h, "locked", path), decimalField(h, "total", path)};
      // A total that is not free + locked is a wrong number upstream: refuse to print it.
      if (row.free && row.locked && *row.free + *row.locked != row.total)
        badField(joinPath(path, "total"), "differs from free + locked");
      b.holdings.push_back(std::move(row));
    }
  }
  return b;
}

Holding* findHolding(std::vector<Holding>& holdings, const std::string& exchange,
                     const std::string& account, const std::string& asset) {
  for (auto& h : holdings)
    if (!h.used && h.exchange == exchange && h.account == account && h.asset == asset) return &h;
  return nullptr;
}

Cell optionalNumber(const std::optional<Decimal>& d) {
  return d ? Cell::number(*d) : Cell::empty();
}

nlohmann::json decimalOrNull(const std::optional<Decimal>& d) {
  return d ? nlohmann::json(d->toString()) : nlohmann::json();
}

}  // namespace

std::string balancesCsv(const nlohmann::json& input, bool byteOrderMark) {
  Balances b = parse(input);
  CsvWriter csv(byteOrderMark);
  const std::string price = "price (" + b.currency + ")", value = "value (" + b.currency + ")";
  csv.textRow({"asset", "exchange", "account", "free", "locked", "amount", price, value});
  for (const auto& a : b.assets) {
    if (a.split.empty()) {
      csv.row({Cell::text(a.asset), Cell::empty(), Cell::empty(), Cell::empty(), Cell::empty(),
               Cell::number(a.amount), optionalNumber(a.price), optionalNumber(a.value)});
      continue;
    }
    for (const auto& s : a.split) {
      Holding* h = findHolding(b.holdings, s.exchange, s.account, a.asset);
      if (h) h->used = true;
      csv.row({Cell::text(a.asset), Cell::text(s.exchange), Cell::text(s.account),
               h ? optionalNumber(h->free) : Cell::empty(),
               h ? optionalNumber(h->locked) : Cell::empty(), Cell::number(s.amount),
               optionalNumber(a.price), optionalNumber(s.value)});
    }
  }
  // Balances the valuation could not price: listed, with no price and no value.
  for (const auto& h : b.holdings) {
    if (h.used) continue;
    csv.row({Cell::text(h.asset), Cell::text(h.exchange), Cell::text(h.account),
             optionalNumber(h.free), optionalNumber(h.locked), Cell::number(h.total), Cell::empty(),
             Cell::empty()});
  }
  if (b.holdings.empty()) {
    for (const auto& u : b.unpricedRows)
      csv.row({Cell::text(u.asset), Cell::text(u.exchanges), Cell::empty(), Cell::empty(),
               Cell::empty(), Cell::number(u.amount), Cell::empty(), Cell::empty()});
  }
  csv.row({Cell::text("TOTAL"), Cell::empty(), Cell::empty(), Cell::empty(), Cell::empty(),
           Cell::empty(), Cell::empty(), optionalNumber(b.total)});
  return csv.take();
}

std::string balancesJson(const nlohmann::json& input, int64_t nowMs) {
  const Balances b = parse(input);
  nlohmann::json assets = nlohmann::json::array();
  for (const auto& a : b.assets) {
    nlohmann::json split = nlohmann::json::array();
    for (const auto& s : a.split)
      split.push_back({{"exchange", s.exchange},
                       {"account", s.account},
                       {"amount", s.amount.toString()},
                       {"value", decimalOrNull(s.value)}});
    assets.push_back({{"asset", a.asset},
                      {"amount", a.amount.toString()},
                      {"price", decimalOrNull(a.price)},
                      {"value", decimalOrNull(a.value)},
                      {"share", decimalOrNull(a.share)},
                      {"split", std::move(split)}});
  }
  nlohmann::json holdings = nlohmann::json::array();
  for (const auto& h : b.holdings)
    holdings.push_back({{"exchange", h.exchange},
                        {"account", h.account},
                        {"asset", h.asset},
                        {"free", decimalOrNull(h.free)},
                        {"locked", decimalOrNull(h.locked)},
                        {"total", h.total.toString()}});
  const nlohmann::json doc = {{"generatedAt", isoUtc(nowMs)},    {"currency", b.currency},
                              {"total", decimalOrNull(b.total)}, {"assets", std::move(assets)},
                              {"exchanges", b.exchanges},        {"unpriced", b.unpriced},
                              {"holdings", std::move(holdings)}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kf::report
