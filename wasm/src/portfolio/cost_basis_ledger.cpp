#include "portfolio/cost_basis_ledger.hpp"

#include <utility>

#include "core/error.hpp"

namespace kf::portfolio {

NameId NameTable::intern(std::string_view name) {
  const auto it = ids_.find(std::string(name));
  if (it != ids_.end()) return it->second;
  if (names_.size() >= kNoName) throw CoreError(ErrorKind::Overflow, "too many distinct names");
  const auto id = static_cast<NameId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

NameId NameTable::find(std::string_view name) const {
  const auto it = ids_.find(std::string(name));
  return it == ids_.end() ? kNoName : it->second;
}

void Ledger::add(Event e, std::string_view id) {
  if (idText.size() + id.size() > UINT32_MAX || id.size() > UINT32_MAX)
    throw CoreError(ErrorKind::Overflow, "event ids exceed 4 GiB");
  e.idOffset = static_cast<std::uint32_t>(idText.size());
  e.idLength = static_cast<std::uint32_t>(id.size());
  idText.append(id);
  events.push_back(std::move(e));
}

}  // namespace kf::portfolio
