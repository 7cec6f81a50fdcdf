// Reading the report inputs: every accessor names the full path of a bad field
// ("trades[3].amount") in a CoreError(InvalidInput), so the caller sees what is wrong.
// Amounts go through kf::Decimal from their text; a JSON float is refused, never read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/decimal.hpp"

namespace kf::report {

// "trades[3]" + "amount" -> "trades[3].amount"; "" + "amount" -> "amount".
std::string joinPath(std::string_view parent, std::string_view name);
std::string indexPath(std::string_view parent, std::size_t index);

[[noreturn]] void badField(std::string_view path, std::string_view problem);

// Required (absent or null fails) and optional (absent or null gives the fallback/nullopt).
const nlohmann::json& objectField(const nlohmann::json& obj, std::string_view name,
                                  std::string_view parent);
const nlohmann::json& arrayField(const nlohmann::json& obj, std::string_view name,
                                 std::string_view parent);
// Element `index` of an array, which must be an object.
const nlohmann::json& objectAt(const nlohmann::json& array, std::size_t index,
                               std::string_view arrayPath);
std::string textField(const nlohmann::json& obj, std::string_view name, std::string_view parent);
std::string optionalText(const nlohmann::json& obj, std::string_view name, std::string_view parent);
Decimal decimalField(const nlohmann::json& obj, std::string_view name, std::string_view parent);
std::optional<Decimal> optionalDecimal(const nlohmann::json& obj, std::string_view name,
                                       std::string_view parent);
int64_t intField(const nlohmann::json& obj, std::string_view name, std::string_view parent);
// Milliseconds since the epoch within the range report_time accepts.
int64_t timeField(const nlohmann::json& obj, std::string_view name, std::string_view parent);
std::optional<int64_t> optionalTime(const nlohmann::json& obj, std::string_view name,
                                    std::string_view parent);
bool optionalBool(const nlohmann::json& obj, std::string_view name, std::string_view parent,
                  bool fallback);
// One of `allowed`, else InvalidInput listing them.
std::string enumField(const nlohmann::json& obj, std::string_view name, std::string_view parent,
                      std::initializer_list<std::string_view> allowed);

}  // namespace kf::report
