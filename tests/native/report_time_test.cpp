// Report dates: UTC civil calendar from milliseconds, in each file's format.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "portfolio/report_time.hpp"

namespace report = kf::report;

TEST(ReportTime, IsoUtc) {
  EXPECT_EQ(report::isoUtc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(report::isoUtc(1709251199000 + 999), "2024-02-29T23:59:59.999Z");  // leap day
  EXPECT_EQ(report::isoUtc(951868800000), "2000-03-01T00:00:00.000Z");         // after 2000-02-29
  EXPECT_EQ(report::isoUtc(1795874709123), "2026-11-28T14:05:09.123Z");
  EXPECT_EQ(report::isoUtc(report::kMaxReportMs), "9999-12-31T23:59:59.999Z");
}

TEST(ReportTime, FileFormats) {
  const int64_t t = 1795874709123;  // 2026-11-28T14:05:09.123Z
  EXPECT_EQ(report::dateIso(t), "2026-11-28");
  EXPECT_EQ(report::dateUs(t), "11/28/2026");
  EXPECT_EQ(report::koinlyDate(t), "2026-11-28 14:05 UTC");
  EXPECT_EQ(report::coinTrackerDate(t), "11/28/2026 14:05:09");
  EXPECT_EQ(report::dateUs(1709251199000), "02/29/2024");
  EXPECT_EQ(report::coinTrackerDate(0), "01/01/1970 00:00:00");
  EXPECT_EQ(report::utcYear(1735689599999), 2024);  // last ms of 2024
  EXPECT_EQ(report::utcYear(1735689600000), 2025);
}

TEST(ReportTime, OutOfRangeIsInvalidInput) {
  for (int64_t ms : {int64_t{-1}, report::kMaxReportMs + 1, INT64_MIN, INT64_MAX}) {
    try {
      report::isoUtc(ms);
      FAIL() << ms;
    } catch (const kf::CoreError& e) {
      EXPECT_EQ(e.kind(), kf::ErrorKind::InvalidInput);
    }
  }
}
