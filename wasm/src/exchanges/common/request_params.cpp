#include "exchanges/common/request_params.hpp"

#include <cctype>
#include <limits>

#include "core/error.hpp"

namespace kf::exchanges::request {

namespace {

[[noreturn]] void invalid(std::string_view name, const std::string& what) {
  throw CoreError(ErrorKind::InvalidInput, "params." + std::string(name) + " " + what);
}

const nlohmann::json* find(const nlohmann::json& params, std::string_view name) {
  if (params.is_null()) return nullptr;
  if (!params.is_object()) throw CoreError(ErrorKind::InvalidInput, "params must be an object");
  const auto it = params.find(name);
  if (it == params.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> stringParam(const nlohmann::json& params, std::string_view name) {
  const auto* v = find(params, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) invalid(name, "must be a string");
  return v->get<std::string>();
}

std::optional<int64_t> intParam(const nlohmann::json& params, std::string_view name) {
  const auto* v = find(params, name);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<int64_t>();
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    const bool negative = !s.empty() && s[0] == '-';
    const std::size_t digits = s.size() - (negative ? 1 : 0);
    if (digits > 0 && digits <= 18) {  // 18 digits always fit in int64_t
      int64_t n = 0;
      bool ok = true;
      for (std::size_t i = negative ? 1 : 0; i < s.size() && ok; ++i) {
        ok = std::isdigit(static_cast<unsigned char>(s[i])) != 0;
        n = n * 10 + (s[i] - '0');
      }
      if (ok) return negative ? -n : n;
    }
  }
  invalid(name, "must be an integer");
}

std::vector<std::string> stringListParam(const nlohmann::json& params, std::string_view name) {
  const auto* v = find(params, name);
  if (!v) return {};
  if (v->is_string()) return {v->get<std::string>()};
  std::vector<std::string> out;
  if (v->is_array()) {
    for (const auto& item : *v) {
      if (!item.is_string()) invalid(name, "must be a string or an array of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  invalid(name, "must be a string or an array of strings");
}

std::string requireStringParam(const nlohmann::json& params, std::string_view name,
                               std::string_view why) {
  auto value = stringParam(params, name);
  if (!value || value->empty()) invalid(name, "is required: " + std::string(why));
  return *std::move(value);
}

int64_t boundedIntParam(const nlohmann::json& params, std::string_view name, int64_t fallback,
                        int64_t min, int64_t max) {
  const auto value = intParam(params, name);
  if (!value) return fallback;
  if (*value < min || *value > max)
    invalid(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return *value;
}

TimeWindow timeWindowParams(const nlohmann::json& params) {
  TimeWindow w{intParam(params, "startMs"), intParam(params, "endMs")};
  if (w.startMs && *w.startMs < 0) invalid("startMs", "must not be negative");
  if (w.endMs && *w.endMs < 0) invalid("endMs", "must not be negative");
  if (w.startMs && w.endMs && *w.startMs > *w.endMs) invalid("startMs", "must not be after endMs");
  return w;
}

namespace {

std::string_view nonEmptyCredential(std::string_view value, std::string_view field,
                                    std::string_view exchangeName) {
  const auto trimmed = trim(value);
  if (trimmed.empty())
    throw CoreError(ErrorKind::BadCredentials, std::string(field) + ": missing (" +
                                                   std::string(exchangeName) +
                                                   " needs it for this operation)");
  return trimmed;
}

}  // namespace

crypto::SecretBytes requireCredential(std::string_view value, std::string_view field,
                                      std::string_view exchangeName) {
  return crypto::SecretBytes(nonEmptyCredential(value, field, exchangeName));
}

std::string requireApiKey(std::string_view value, std::string_view field,
                          std::string_view exchangeName) {
  return std::string(nonEmptyCredential(value, field, exchangeName));
}

int64_t requireNowMs(int64_t nowMs) {
  constexpr int64_t kYear2001Ms = 978307200000;
  if (nowMs < kYear2001Ms)
    throw CoreError(ErrorKind::InvalidInput,
                    "nowMs must be the current time in milliseconds since the Unix epoch");
  return nowMs;
}

}  // namespace kf::exchanges::request
