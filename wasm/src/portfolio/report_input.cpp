#include "portfolio/report_input.hpp"

#include "core/error.hpp"
#include "portfolio/report_time.hpp"

namespace kf::report {

namespace {
const nlohmann::json* find(const nlohmann::json& obj, std::string_view name) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

const nlohmann::json& require(const nlohmann::json& obj, std::string_view name,
                              std::string_view parent) {
  const auto* v = find(obj, name);
  if (!v) badField(joinPath(parent, name), "is missing");
  return *v;
}

Decimal toDecimal(const nlohmann::json& v, const std::string& path) {
  try {
    return Decimal::fromJson(v);
  } catch (const CoreError& e) {
    // Overflow stays Overflow (the number is valid but too long); the rest is bad input.
    const auto kind =
        e.kind() == ErrorKind::Overflow ? ErrorKind::Overflow : ErrorKind::InvalidInput;
    throw CoreError(kind, "field '" + path + "': " + e.what());
  }
}

int64_t toInt(const nlohmann::json& v, const std::string& path) {
  if (v.is_number_integer() && (v.is_number_unsigned() ? v.get<uint64_t>() <= INT64_MAX : true))
    return v.get<int64_t>();
  badField(path, "must be an integer");
}
}  // namespace

std::string joinPath(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  return std::string(parent) + "." + std::string(name);
}

std::string indexPath(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

void badField(std::string_view path, std::string_view problem) {
  throw CoreError(ErrorKind::InvalidInput,
                  "field '" + std::string(path) + "' " + std::string(problem));
}

const nlohmann::json& objectField(const nlohmann::json& obj, std::string_view name,
                                  std::string_view parent) {
  const auto& v = require(obj, name, parent);
  if (!v.is_object()) badField(joinPath(parent, name), "must be an object");
  return v;
}

const nlohmann::json& arrayField(const nlohmann::json& obj, std::string_view name,
                                 std::string_view parent) {
  const auto& v = require(obj, name, parent);
  if (!v.is_array()) badField(joinPath(parent, name), "must be an array");
  return v;
}

const nlohmann::json& objectAt(const nlohmann::json& array, std::size_t index,
                               std::string_view arrayPath) {
  if (!array.is_array() || index >= array.size())
    badField(indexPath(arrayPath, index), "is missing");
  const auto& v = array[index];
  if (!v.is_object()) badField(indexPath(arrayPath, index), "must be an object");
  return v;
}

std::string textField(const nlohmann::json& obj, std::string_view name, std::string_view parent) {
  const auto& v = require(obj, name, parent);
  if (!v.is_string()) badField(joinPath(parent, name), "must be a string");
  return v.get<std::string>();
}

std::string optionalText(const nlohmann::json& obj, std::string_view name,
                         std::string_view parent) {
  const auto* v = find(obj, name);
  if (!v) return {};
  if (!v->is_string()) badField(joinPath(parent, name), "must be a string");
  return v->get<std::string>();
}

Decimal decimalField(const nlohmann::json& obj, std::string_view name, std::string_view parent) {
  return toDecimal(require(obj, name, parent), joinPath(parent, name));
}

std::optional<Decimal> optionalDecimal(const nlohmann::json& obj, std::string_view name,
                                       std::string_view parent) {
  const auto* v = find(obj, name);
  // An empty string is how some exchanges say "no fee"; treat it as absent.
  if (!v || (v->is_string() && v->get_ref<const std::string&>().empty())) return std::nullopt;
  return toDecimal(*v, joinPath(parent, name));
}

int64_t intField(const nlohmann::json& obj, std::string_view name, std::string_view parent) {
  return toInt(require(obj, name, parent), joinPath(parent, name));
}

int64_t timeField(const nlohmann::json& obj, std::string_view name, std::string_view parent) {
  const int64_t ms = intField(obj, name, parent);
  if (ms < 0 || ms > kMaxReportMs)
    badField(joinPath(parent, name), "must be milliseconds since 1970 before year 10000");
  return ms;
}

std::optional<int64_t> optionalTime(const nlohmann::json& obj, std::string_view name,
                                    std::string_view parent) {
  if (!find(obj, name)) return std::nullopt;
  return timeField(obj, name, parent);
}

bool optionalBool(const nlohmann::json& obj, std::string_view name, std::string_view parent,
                  bool fallback) {
  const auto* v = find(obj, name);
  if (!v) return fallback;
  if (!v->is_boolean()) badField(joinPath(parent, name), "must be true or false");
  return v->get<bool>();
}

std::string enumField(const nlohmann::json& obj, std::string_view name, std::string_view parent,
                      std::initializer_list<std::string_view> allowed) {
  std::string value = textField(obj, name, parent);
  std::string list;
  for (auto a : allowed) {
    if (value == a) return value;
    list += list.empty() ? "" : ", ";
    list += a;
  }
  badField(joinPath(parent, name), "must be one of " + list);
}

}  // namespace kf::report
