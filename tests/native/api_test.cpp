#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/api.hpp"

using nlohmann::json;

TEST(Api, VersionReportsCoreAndLibraries) {
  const auto out = json::parse(kf::api::version());
  EXPECT_TRUE(out["ok"].get<bool>());
  EXPECT_EQ(out["version"], "0.1.0");
  EXPECT_EQ(out["cryptopp"].get<std::string>().substr(0, 2), "8.");
}

TEST(Api, CoreErrorsBecomeValues) {
  const auto out = json::parse(kf::api::selfTest(R"({"throw":"core"})"));
  EXPECT_FALSE(out["ok"].get<bool>());
  EXPECT_EQ(out["error"]["kind"], "crypto");
  EXPECT_NE(out["error"]["message"].get<std::string>().find("self-test"), std::string::npos);
}

TEST(Api, StdExceptionsAndBadJsonBecomeValues) {
  auto out = json::parse(kf::api::selfTest(R"({"throw":"std"})"));
  EXPECT_EQ(out["error"]["kind"], "internal");
  out = json::parse(kf::api::selfTest("{not json"));
  EXPECT_EQ(out["error"]["kind"], "invalid_input");
  out = json::parse(kf::api::selfTest(R"({"throw":5})"));
  EXPECT_EQ(out["error"]["kind"], "invalid_input");
  EXPECT_NE(out["error"]["message"].get<std::string>().find("throw"), std::string::npos);
}
