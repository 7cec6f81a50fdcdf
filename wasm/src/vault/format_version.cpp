#include "vault/format_version.hpp"

#include <cstdint>

#include "core/error.hpp"

namespace kf::vault {

void checkFormatVersion(const nlohmann::json& obj, int supported, const std::string& what) {
  auto v = obj.find("v");
  if (v == obj.end() || !v->is_number_integer())
    throw CoreError(ErrorKind::InvalidInput, what + " has no format version 'v'");
  // Compared by hand: json's unsigned-vs-signed comparison wraps large values.
  const bool newer = v->is_number_unsigned() ? v->get<uint64_t>() > static_cast<uint64_t>(supported)
                                             : v->get<int64_t>() > supported;
  const bool same = !newer && v->get<int64_t>() == supported;
  if (same) return;
  throw CoreError(ErrorKind::Unsupported,
                  what + " has format version " + v->dump() +
                      (newer ? ", written by a newer Keyfolio: update Keyfolio to open it"
                             : ", which Keyfolio never wrote: it cannot be opened"));
}

}  // namespace kf::vault
