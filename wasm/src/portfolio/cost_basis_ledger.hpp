// The events the cost-basis engine reads, in a compact form: asset and exchange names
// interned to small ids, event ids kept in one text arena. Built from the normalized
// model (cost_basis_json) or generated (cost_basis_bench).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/decimal.hpp"

namespace kf::portfolio {

using NameId = std::uint32_t;
inline constexpr NameId kNoName = std::numeric_limits<NameId>::max();

class NameTable {
 public:
  NameId intern(std::string_view name);
  NameId find(std::string_view name) const;  // kNoName when unknown
  const std::string& name(NameId id) const { return names_.at(id); }
  std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, NameId> ids_;
};

// Same-millisecond order: the enum's order (deposits, buys, sells, withdrawals), so
// coins arriving at a moment can be spent at that moment.
enum class EventKind : std::uint8_t { Deposit, Buy, Sell, Withdrawal };

struct Event {
  EventKind kind = EventKind::Buy;
  std::int64_t timeMs = 0;
  NameId exchange = kNoName;
  NameId base = kNoName;                     // trades: base asset; transfers: the asset
  NameId quote = kNoName;                    // trades only
  NameId feeAsset = kNoName;                 // kNoName when the fee is zero
  std::uint32_t idOffset = 0, idLength = 0;  // into Ledger::idText
  Decimal amount;                            // base amount, or the transferred amount (without fee)
  Decimal cost;                              // quote amount of a trade
  Decimal fee;                               // in feeAsset
};

struct Ledger {
  NameTable assets;
  NameTable exchanges;
  std::vector<Event> events;
  std::string idText;

  std::string_view id(const Event& e) const {
    return std::string_view(idText).substr(e.idOffset, e.idLength);
  }
  // Appends the event with its id copied into the arena.
  void add(Event e, std::string_view id);
};

}  // namespace kf::portfolio
