#include "portfolio/report_form8949.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "model/decimal.hpp"
#include "portfolio/cost_basis_request.hpp"
#include "portfolio/csv_writer.hpp"
#include "portfolio/report_input.hpp"
#include "portfolio/report_time.hpp"

namespace kf::report {

namespace {

constexpr int kCents = 2;

enum class Term { Short, Long, Unknown };

// One line of the sheet: one disposal record, or the records of one trade combined.
struct Line {
  std::string asset, exchange, tradeId;
  bool fee = false, missingAcquisition = false;
  Term term = Term::Unknown;
  Decimal amount;
  std::optional<Decimal> proceeds, costBasis;  // nullopt: unknown
  std::optional<int64_t> acquiredMs;
  int64_t disposedMs = 0;
  bool variousDates = false;  // several lots, or combined records bought on different days

  bool complete() const { return proceeds && costBasis && term != Term::Unknown; }
};

struct Context {
  int taxYear = 0;
  std::string currency;
  int64_t offsetMs = 0;
  std::string localDate(int64_t ms) const { return dateUs(ms + offsetMs); }
};

Line parseDisposal(const nlohmann::json& obj, const std::string& path) {
  Line d;
  d.asset = textField(obj, "asset", path);
  d.amount = decimalField(obj, "amount", path);
  if (d.amount.isNegative()) badField(joinPath(path, "amount"), "must not be negative");
  d.acquiredMs = optionalTime(obj, "acquiredMs", path);
  if (obj.contains("lots") && !obj["lots"].is_null()) {
    const int64_t lots = intField(obj, "lots", path);
    if (lots < 0) badField(joinPath(path, "lots"), "must not be negative");
    d.variousDates = lots > 1;  // the engine gives the earliest date of several lots
  }
  d.disposedMs = timeField(obj, "disposedMs", path);
  d.proceeds = optionalDecimal(obj, "proceeds", path);
  d.costBasis = optionalDecimal(obj, "costBasis", path);
  const auto gain = optionalDecimal(obj, "gain", path);
  // The gain must be exactly proceeds - cost basis, and unknown when either is unknown:
  // anything else is a wrong number upstream.
  if (gain && !(d.proceeds && d.costBasis && *gain == *d.proceeds - *d.costBasis))
    badField(joinPath(path, "gain"), "is not proceeds - costBasis");
  if (obj.contains("term") && !obj["term"].is_null())
    d.term = enumField(obj, "term", path, {"short", "long"}) == "long" ? Term::Long : Term::Short;
  d.missingAcquisition = optionalBool(obj, "missingAcquisition", path, false);
  if (obj.contains("kind") && !obj["kind"].is_null())
    d.fee = enumField(obj, "kind", path, {"trade", "fee"}) == "fee";
  d.exchange = optionalText(obj, "exchange", path);
  d.tradeId = optionalText(obj, "tradeId", path);
  if (d.acquiredMs && *d.acquiredMs > d.disposedMs)
    badField(joinPath(path, "acquiredMs"), "is after disposedMs");
  return d;
}

void addOptional(std::optional<Decimal>& sum, const std::optional<Decimal>& part) {
  if (sum && part)
    *sum += *part;
  else
    sum.reset();
}

// Records of one trade with the same term, asset and known/unknown parts share a line.
std::vector<Line> combine(std::vector<Line> records, const Context& ctx) {
  std::vector<Line> lines;
  std::map<std::tuple<std::string, std::string, std::string, int, bool, bool, bool, bool, int64_t>,
           std::size_t>
      index;
  for (auto& d : records) {
    if (!d.tradeId.empty()) {
      const auto key = std::make_tuple(d.exchange, d.tradeId, d.asset, static_cast<int>(d.term),
                                       d.missingAcquisition, d.fee, d.proceeds.has_value(),
                                       d.costBasis.has_value(), d.disposedMs);
      auto it = index.find(key);
      if (it != index.end()) {
        Line& line = lines[it->second];
        line.amount += d.amount;
        addOptional(line.proceeds, d.proceeds);
        addOptional(line.costBasis, d.costBasis);
        if (d.variousDates || !line.acquiredMs || !d.acquiredMs ||
            ctx.localDate(*line.acquiredMs) != ctx.localDate(*d.acquiredMs))
          line.variousDates = true;
        continue;
      }
      index.emplace(key, lines.size());
    }
    lines.push_back(std::move(d));
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.disposedMs < b.disposedMs; });
  return lines;
}

std::string acquiredText(const Line& l, const Context& ctx) {
  if (l.missingAcquisition) return "";
  if (!l.acquiredMs || l.variousDates) return "VARIOUS";
  return ctx.localDate(*l.acquiredMs);
}

std::string note(const Line& l, const Context& ctx) {
  std::vector<std::string> parts;
  if (l.fee) parts.push_back("fee payment");
  if (!l.complete()) {
    if (l.term == Term::Short) parts.push_back("short-term");
    if (l.term == Term::Long) parts.push_back("long-term");
  }
  if (l.missingAcquisition) {
    parts.push_back("no acquisition found for this amount: check your records");
  } else {
    if (!l.costBasis)
      parts.push_back("cost basis unknown: acquired without a " + ctx.currency + " price");
    if (l.term == Term::Unknown) parts.push_back("holding term unknown");
  }
  if (!l.proceeds) parts.push_back("proceeds unknown: no " + ctx.currency + " price at the sale");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

Decimal cents(const Decimal& d) {
  return d.rescale(kCents, Rounding::HalfUp);
}
Decimal zero() {
  return Decimal::fromInt(0).rescale(kCents);
}

struct Sums {
  Decimal proceeds = zero(), basis = zero(), gain = zero();
  int64_t lines = 0;
  void add(const Decimal& p, const Decimal& b) {
    proceeds += p;
    basis += b;
    gain += p - b;
    ++lines;
  }
  void merge(const Sums& o) {
    proceeds += o.proceeds;
    basis += o.basis;
    gain += o.gain;
    lines += o.lines;
  }
};

struct AssetSums {
  Sums shortTerm, longTerm;
  int64_t incomplete = 0;
};

const std::vector<std::string_view> kColumns = {
    "(a) Description of property", "(b) Date acquired",       "(c) Date sold or disposed of",
    "(d) Proceeds (sales price)",  "(e) Cost or other basis", "(f) Code(s) from instructions",
    "(g) Amount of adjustment",    "(h) Gain or (loss)",      "Note"};

Cell optionalCents(const std::optional<Decimal>& d) {
  return d ? Cell::number(cents(*d)) : Cell::empty();
}

void writeLine(CsvWriter& csv, const Line& l, const Context& ctx) {
  const std::optional<Decimal> d = l.proceeds ? std::optional(cents(*l.proceeds)) : std::nullopt;
  const std::optional<Decimal> e = l.costBasis ? std::optional(cents(*l.costBasis)) : std::nullopt;
  csv.row({Cell::text(l.amount.toPlainString() + " " + l.asset), Cell::text(acquiredText(l, ctx)),
           Cell::text(ctx.localDate(l.disposedMs)), optionalCents(d), optionalCents(e),
           Cell::empty(), Cell::empty(), d && e ? Cell::number(*d - *e) : Cell::empty(),
           Cell::text(note(l, ctx))});
}

void writePart(CsvWriter& csv, const std::vector<Line>& lines, Term term, const Context& ctx,
               std::map<std::string, AssetSums>& byAsset) {
  csv.textRow({term == Term::Long ? "Part II - Long-Term (held more than one year)"
                                  : "Part I - Short-Term (held one year or less)"});
  csv.textRow(kColumns);
  Sums total;
  for (const auto& l : lines) {
    if (!l.complete() || l.term != term) continue;
    const Decimal d = cents(*l.proceeds), e = cents(*l.costBasis);
    total.add(d, e);
    auto& sums = byAsset[l.asset];
    (term == Term::Long ? sums.longTerm : sums.shortTerm).add(d, e);
    writeLine(csv, l, ctx);
  }
  csv.row({Cell::text("Totals"), Cell::empty(), Cell::empty(), Cell::number(total.proceeds),
           Cell::number(total.basis), Cell::empty(), Cell::empty(), Cell::number(total.gain),
           Cell::empty()});
}

// "UTC" or "UTC+05:30": how the sheet names its time zone.
std::string zoneLabel(int64_t offsetMs) {
  if (offsetMs == 0) return "UTC";
  const int64_t minutes = (offsetMs < 0 ? -offsetMs : offsetMs) / 60000;
  char buf[16];
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", offsetMs < 0 ? '-' : '+',
                static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return buf;
}

Context readContext(const nlohmann::json& input, const nlohmann::json& costBasis) {
  Context ctx;
  const bool own = input.contains("taxYear") && !input["taxYear"].is_null();
  const int64_t year =
      own ? intField(input, "taxYear", "") : intField(costBasis, "taxYear", "costBasis");
  if (year < 1970 || year > 9999)
    badField(own ? "taxYear" : "costBasis.taxYear", "must be a year from 1970 to 9999");
  ctx.taxYear = static_cast<int>(year);
  ctx.currency = optionalText(input, "currency", "");
  if (ctx.currency.empty()) ctx.currency = textField(costBasis, "currency", "costBasis");
  const std::string timezone = optionalText(input, "timezone", "");
  try {
    ctx.offsetMs = portfolio::utcOffsetMs(timezone.empty() ? "UTC" : timezone);
  } catch (const CoreError& e) {
    throw CoreError(e.kind(), std::string("field 'timezone': ") + e.what());
  }
  return ctx;
}

}  // namespace

Form8949File form8949(const nlohmann::json& input, bool byteOrderMark) {
  const auto& costBasis = objectField(input, "costBasis", "");
  const Context ctx = readContext(input, costBasis);
  const auto& list = arrayField(costBasis, "disposals", "costBasis");
  const int64_t fromMs = portfolio::yearStartMs(ctx.taxYear, ctx.offsetMs);
  const int64_t untilMs = portfolio::yearStartMs(ctx.taxYear + 1, ctx.offsetMs);

  std::vector<Line> records;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Line d = parseDisposal(objectAt(list, i, "costBasis.disposals"),
                           indexPath("costBasis.disposals", i));
    if (d.disposedMs >= fromMs && d.disposedMs < untilMs) records.push_back(std::move(d));
  }
  const std::vector<Line> lines = combine(std::move(records), ctx);

  CsvWriter csv(byteOrderMark);
  csv.textRow({"Form 8949 worksheet", "Tax year " + std::to_string(ctx.taxYear),
               "Currency " + ctx.currency});
  csv.textRow(
      {"Check the box of each Part that matches the Form 1099-B or 1099-DA you received "
       "(see the Form 8949 instructions). Dates are " +
       zoneLabel(ctx.offsetMs) + "."});
  csv.blankRow();
  std::map<std::string, AssetSums> byAsset;
  writePart(csv, lines, Term::Short, ctx, byAsset);
  csv.blankRow();
  writePart(csv, lines, Term::Long, ctx, byAsset);
  csv.blankRow();

  csv.textRow({"Not ready for the form: unknown proceeds, cost basis or term (not in any total)"});
  csv.textRow(kColumns);
  for (const auto& l : lines) {
    if (l.complete()) continue;
    ++byAsset[l.asset].incomplete;
    writeLine(csv, l, ctx);
  }
  csv.blankRow();

  csv.textRow({"Summary by asset"});
  csv.textRow({"Asset", "Short-term proceeds", "Short-term cost basis", "Short-term gain or (loss)",
               "Long-term proceeds", "Long-term cost basis", "Long-term gain or (loss)",
               "Total gain or (loss)", "Lines", "Lines not ready"});
  AssetSums all;
  const auto count = [](int64_t n) { return Cell::number(Decimal::fromInt(n)); };
  const auto writeSums = [&](Cell label, const AssetSums& s) {
    csv.row({std::move(label), Cell::number(s.shortTerm.proceeds), Cell::number(s.shortTerm.basis),
             Cell::number(s.shortTerm.gain), Cell::number(s.longTerm.proceeds),
             Cell::number(s.longTerm.basis), Cell::number(s.longTerm.gain),
             Cell::number(s.shortTerm.gain + s.longTerm.gain),
             count(s.shortTerm.lines + s.longTerm.lines), count(s.incomplete)});
  };
  for (const auto& [asset, sums] : byAsset) {
    writeSums(Cell::text(asset), sums);
    all.shortTerm.merge(sums.shortTerm);
    all.longTerm.merge(sums.longTerm);
    all.incomplete += sums.incomplete;
  }
  writeSums(Cell::text("Total"), all);
  return {ctx.taxYear, csv.take()};
}

}  // namespace kf::report
