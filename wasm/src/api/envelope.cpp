#include "api/envelope.hpp"

#include <new>

#include "core/error.hpp"

namespace kf::api {

namespace {
std::string failure(ErrorKind kind, std::string_view message,
                    std::optional<int64_t> retryAfterMs = std::nullopt) {
  nlohmann::json err = {{"kind", to_string(kind)}, {"message", message}};
  if (retryAfterMs) err["retryAfterMs"] = *retryAfterMs;
  // `replace` keeps invalid UTF-8 from a hostile response from throwing here.
  return nlohmann::json{{"ok", false}, {"error", err}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Runs `answer`, turning every exception into the failure envelope.
template <typename Answer>
std::string guarded(const Answer& answer) {
  try {
    return answer();
  } catch (const CoreError& e) {
    return failure(e.kind(), e.what(), e.retryAfterMs());
  } catch (const nlohmann::json::exception& e) {
    return failure(ErrorKind::InvalidInput, e.what());
  } catch (const std::bad_alloc&) {
    return failure(ErrorKind::Internal, "out of memory");
  } catch (const std::exception& e) {
    return failure(ErrorKind::Internal, e.what());
  } catch (...) {
    return failure(ErrorKind::Internal, "unknown error");
  }
}

}  // namespace

std::string respond(const std::function<nlohmann::json()>& body) {
  return guarded([&] {
    nlohmann::json out = body();
    if (!out.is_object()) out = nlohmann::json{{"value", out}};
    out["ok"] = true;
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

std::string respondText(const std::function<std::string()>& body) {
  return guarded(body);
}

nlohmann::json parseInput(std::string_view text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw CoreError(ErrorKind::InvalidInput, "input is not valid JSON");
  if (!parsed.is_object()) throw CoreError(ErrorKind::InvalidInput, "input must be a JSON object");
  return parsed;
}

const nlohmann::json& requireField(const nlohmann::json& obj, std::string_view name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null())
    throw CoreError(ErrorKind::InvalidInput, "missing field '" + std::string(name) + "'");
  return *it;
}

std::string requireString(const nlohmann::json& obj, std::string_view name) {
  const auto& v = requireField(obj, name);
  if (!v.is_string())
    throw CoreError(ErrorKind::InvalidInput, "field '" + std::string(name) + "' must be a string");
  return v.get<std::string>();
}

std::string optionalString(const nlohmann::json& obj, std::string_view name,
                           std::string_view fallback) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::string(fallback);
  if (!it->is_string())
    throw CoreError(ErrorKind::InvalidInput, "field '" + std::string(name) + "' must be a string");
  return it->get<std::string>();
}

int64_t requireInt(const nlohmann::json& obj, std::string_view name) {
  const auto& v = requireField(obj, name);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    try {
      size_t used = 0;
      const long long n = std::stoll(s, &used);
      if (used == s.size()) return n;
    } catch (const std::exception&) {
    }
  }
  throw CoreError(ErrorKind::InvalidInput, "field '" + std::string(name) + "' must be an integer");
}

}  // namespace kf::api
