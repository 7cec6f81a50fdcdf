// The "v" field every stored vault object carries. Anything but the version this
// build writes is refused, telling a file from a newer Keyfolio (update) from
// one Keyfolio never wrote.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kf::vault {

// Missing or not an integer -> InvalidInput; another version -> Unsupported.
// `what` names the object in the message ("the vault", "record 'k1'").
void checkFormatVersion(const nlohmann::json& obj, int supported, const std::string& what);

}  // namespace kf::vault
