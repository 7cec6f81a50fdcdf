// The full history export: one row (CSV) or object (JSON) per trade or transfer, every
// field of the normalized model, times as ISO 8601 UTC, ordered by time.
#pragma once

#include <cstdint>
#include <string>

#include "portfolio/report_events.hpp"

namespace kf::report {

std::string historyCsv(const History& history, bool byteOrderMark);
// {"generatedAt", "events":[{"event":"trade"|"deposit"|"withdrawal","time":ISO,"timeMs",...}]}
std::string historyJson(const History& history, int64_t nowMs);

}  // namespace kf::report
