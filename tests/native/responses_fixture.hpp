// Helpers for the responses_*_test.cpp files: load a raw body from tests/fixtures,
// run an exchange's parseResponse on it, and catch the CoreError it throws.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "exchanges/exchange.hpp"

namespace kf::testing {

inline std::string fixture(const std::string& path) {
  std::ifstream in(std::string(KF_FIXTURES_DIR) + "/" + path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Answer {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
};

inline exchanges::ParseResult parse(const exchanges::Exchange& ex, exchanges::Operation op,
                                    const Answer& a,
                                    const nlohmann::json& params = nlohmann::json::object()) {
  exchanges::HttpResponse r;
  r.status = a.status;
  r.body = a.body;
  r.headers = a.headers;
  return ex.parseResponse(op, r, params);
}

inline CoreError parseError(const exchanges::Exchange& ex, exchanges::Operation op, const Answer& a,
                            const nlohmann::json& params = nlohmann::json::object()) {
  try {
    parse(ex, op, a, params);
  } catch (const CoreError& e) {
    return e;
  }
  ADD_FAILURE() << "parseResponse did not throw";
  return CoreError(ErrorKind::Internal, "no error");
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Every amount-like field of a normalized record is a string (never a JSON number).
inline void expectStringsOnly(const nlohmann::json& rows, std::initializer_list<const char*> keys) {
  for (const auto& row : rows)
    for (const char* key : keys)
      if (row.contains(key) && !row[key].is_null())
        EXPECT_TRUE(row[key].is_string()) << key << " in " << row.dump();
}

}  // namespace kf::testing
