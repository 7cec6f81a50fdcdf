// exportReport: the report files the extension downloads. One JSON input
// {kind, nowMs, bom?, ...kind's inputs}, one answer {filename, mimeType, content}; the
// inputs of each kind are described in portfolio/report_*.hpp.
#include <set>
#include <string>

#include "api/api.hpp"
#include "api/envelope.hpp"
#include "core/error.hpp"
#include "portfolio/report_balances.hpp"
#include "portfolio/report_events.hpp"
#include "portfolio/report_form8949.hpp"
#include "portfolio/report_history.hpp"
#include "portfolio/report_imports.hpp"
#include "portfolio/report_input.hpp"
#include "portfolio/report_time.hpp"

namespace kf::api {

namespace {

constexpr std::string_view kCsv = "text/csv;charset=utf-8";
constexpr std::string_view kJson = "application/json";

nlohmann::json file(const std::string& stem, int64_t nowMs, std::string_view mimeType,
                    std::string content) {
  const std::string ext = mimeType == kJson ? ".json" : ".csv";
  return {{"filename", "keyfolio-" + stem + "-" + report::dateIso(nowMs) + ext},
          {"mimeType", mimeType},
          {"content", std::move(content)}};
}

}  // namespace

std::string exportReport(std::string_view json) {
  return respond([&] {
    const auto in = parseInput(json);
    const std::string kind = report::textField(in, "kind", "");
    static const std::set<std::string, std::less<>> kKinds = {
        "balances_csv", "balances_json", "history_csv",    "history_json",
        "form8949_csv", "koinly_csv",    "cointracker_csv"};
    if (kKinds.count(kind) == 0)
      throw CoreError(ErrorKind::Unsupported, "unknown report kind '" + kind.substr(0, 64) + "'");
    const int64_t nowMs = report::timeField(in, "nowMs", "");
    const bool bom = report::optionalBool(in, "bom", "", false);

    if (kind == "balances_csv") return file("balances", nowMs, kCsv, report::balancesCsv(in, bom));
    if (kind == "balances_json")
      return file("balances", nowMs, kJson, report::balancesJson(in, nowMs));
    if (kind == "form8949_csv") {
      auto sheet = report::form8949(in, bom);
      return file("form8949-" + std::to_string(sheet.taxYear), nowMs, kCsv, std::move(sheet.csv));
    }
    if (kind == "history_csv" || kind == "history_json" || kind == "koinly_csv" ||
        kind == "cointracker_csv") {
      const report::History history = report::parseHistory(in);
      if (kind == "history_csv")
        return file("history", nowMs, kCsv, report::historyCsv(history, bom));
      if (kind == "history_json")
        return file("history", nowMs, kJson, report::historyJson(history, nowMs));
      if (kind == "koinly_csv") return file("koinly", nowMs, kCsv, report::koinlyCsv(history, bom));
      return file("cointracker", nowMs, kCsv, report::coinTrackerCsv(history, bom));
    }
    throw CoreError(ErrorKind::Internal, "report kind '" + kind + "' has no writer");
  });
}

}  // namespace kf::api
