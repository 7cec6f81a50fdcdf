#include <cryptopp/config_ver.h>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

namespace kf::api {

std::string version() {
  return respond([] {
    return nlohmann::json{
        {"version", kVersion},
        {"cryptopp", std::to_string(CRYPTOPP_MAJOR) + "." + std::to_string(CRYPTOPP_MINOR) + "." +
                         std::to_string(CRYPTOPP_REVISION)},
        {"json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                     std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                     std::to_string(NLOHMANN_JSON_VERSION_PATCH)}};
  });
}

std::string selfTest(std::string_view json) {
  return respond([&] {
    const auto in = parseInput(json);
    const auto what = requireString(in, "throw");
    if (what == "core") throw CoreError(ErrorKind::Crypto, "self-test: a CoreError crossed the boundary");
    if (what == "std") throw std::runtime_error("self-test: a std::exception crossed the boundary");
    return nlohmann::json{{"echo", what}};
  });
}

}  // namespace kf::api
