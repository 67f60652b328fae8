#include "core/timestamp.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace fluxacct {
namespace {

constexpr double kJan1 = 1735689600;  // 2025-01-01T00:00:00Z
constexpr double kHour = 3600;
constexpr double kDay = 86400;
// 2025-01-15T12:34:56Z
constexpr std::time_t kNow = 1735689600 + 14 * 86400 + 12 * 3600 + 34 * 60 + 56;

// Sets TZ for one test and puts the old value back afterwards.
class TimestampTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* tz = std::getenv("TZ")) saved_ = tz;
    set_zone("UTC");
  }
  void TearDown() override {
    if (saved_)
      setenv("TZ", saved_->c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  static void set_zone(const char* tz) {
    setenv("TZ", tz, 1);
    tzset();
  }
  static void use_los_angeles() {
    set_zone(std::filesystem::exists("/usr/share/zoneinfo/America/Los_Angeles")
                 ? "America/Los_Angeles"
                 : "PST8PDT,M3.2.0,M11.1.0");
  }
  static double ts(const std::string& s, std::time_t now = kNow) { return parse_timestamp(s, now); }
  static std::string error_of(const std::string& s) {
    try {
      parse_timestamp(s, kNow);
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  }

 private:
  std::optional<std::string> saved_;
};

TEST_F(TimestampTest, EpochSeconds) {
  EXPECT_EQ(ts("1735689600"), kJan1);
  EXPECT_EQ(ts("1735689600.5"), kJan1 + 0.5);
  EXPECT_EQ(ts("0"), 0);
  EXPECT_EQ(ts("  1735689600\n"), kJan1);
}

TEST_F(TimestampTest, NowAndDayWords) {
  EXPECT_EQ(ts("now"), kNow);
  EXPECT_EQ(ts("NOW"), kNow);
  const double midnight = kJan1 + 14 * kDay;
  EXPECT_EQ(ts("today"), midnight);
  EXPECT_EQ(ts("Yesterday"), midnight - kDay);
  EXPECT_EQ(ts("tomorrow"), midnight + kDay);
}

TEST_F(TimestampTest, Relative) {
  EXPECT_EQ(ts("-1d"), kNow - kDay);
  EXPECT_EQ(ts("+2h"), kNow + 2 * kHour);
  EXPECT_EQ(ts("-30s"), kNow - 30);
  EXPECT_EQ(ts("-90"), kNow - 90);
  EXPECT_EQ(ts("-1.5h"), kNow - 1.5 * kHour);
  EXPECT_EQ(ts("now-30m"), kNow - 1800);
  EXPECT_EQ(ts("now+15m"), kNow + 900);
  EXPECT_EQ(ts("now - 2d"), kNow - 2 * kDay);
  EXPECT_EQ(ts("NOW-1D"), kNow - kDay);
}

TEST_F(TimestampTest, IsoDates) {
  EXPECT_EQ(ts("2025-01-01"), kJan1);
  EXPECT_EQ(ts("2025-1-1"), kJan1);
  EXPECT_EQ(ts("2024-02-29"), 1709164800);
  EXPECT_EQ(ts("2025-12-31 23:59:59"), 1767225599);
}

TEST_F(TimestampTest, IsoDateTimes) {
  EXPECT_EQ(ts("2025-01-01 08:00:00"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("2025-01-01 08:00"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("2025-01-01 8:05"), kJan1 + 8 * kHour + 300);
  EXPECT_EQ(ts("2025-01-01 08:00:00.250"), kJan1 + 8 * kHour + 0.25);
  EXPECT_EQ(ts("2025-01-01T08:00"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("2025-01-01t08:00:30"), kJan1 + 8 * kHour + 30);
  EXPECT_EQ(ts("2025-01-01 08:00pm"), kJan1 + 20 * kHour);
}

TEST_F(TimestampTest, IsoZones) {
  EXPECT_EQ(ts("2025-01-01T08:00:00Z"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("2025-01-01T08:00z"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("2025-01-01T08:00:00+02:00"), kJan1 + 6 * kHour);
  EXPECT_EQ(ts("2025-01-01T08:00:00-0800"), kJan1 + 16 * kHour);
  EXPECT_EQ(ts("2025-01-01T08:00+05:30"), kJan1 + 2.5 * kHour);
  EXPECT_EQ(ts("2025-01-01T08:00-03"), kJan1 + 11 * kHour);
  EXPECT_EQ(ts("2025-01-01 08:00 Z"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("2025-01-01T00:00:00+01:00"), kJan1 - kHour);
}

TEST_F(TimestampTest, UsDates) {
  EXPECT_EQ(ts("01/01/2025"), kJan1);
  EXPECT_EQ(ts("1/2/2025"), kJan1 + kDay);
  EXPECT_EQ(ts("01/01/2025 8:00"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("01/01/2025 08:00:15"), kJan1 + 8 * kHour + 15);
  EXPECT_EQ(ts("01/01/2025 8:00 PM"), kJan1 + 20 * kHour);
  EXPECT_EQ(ts("01/01/2025 8pm"), kJan1 + 20 * kHour);
  EXPECT_EQ(ts("02/29/2024"), 1709164800);
}

TEST_F(TimestampTest, NamedMonths) {
  EXPECT_EQ(ts("Jan 1, 2025"), kJan1);
  EXPECT_EQ(ts("January 1 2025"), kJan1);
  EXPECT_EQ(ts("jan 1 2025"), kJan1);
  EXPECT_EQ(ts("1 Jan 2025"), kJan1);
  EXPECT_EQ(ts("1 JANUARY 2025"), kJan1);
  EXPECT_EQ(ts("Sept 1, 2025"), ts("2025-09-01"));
  EXPECT_EQ(ts("Dec 31 2025"), ts("2025-12-31"));
}

TEST_F(TimestampTest, NamedMonthsWithTimes) {
  EXPECT_EQ(ts("Jan 1, 2025 8am"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("Jan 1 2025 08:30pm"), kJan1 + 20.5 * kHour);
  EXPECT_EQ(ts("Jan 1, 2025 8:30PM"), kJan1 + 20.5 * kHour);
  EXPECT_EQ(ts("Jan 1, 2025 08:00"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("1 Jan 2025 8 am"), kJan1 + 8 * kHour);
  EXPECT_EQ(ts("Jan 1, 2025 12am"), kJan1);
  EXPECT_EQ(ts("Jan 1, 2025 12pm"), kJan1 + 12 * kHour);
  EXPECT_EQ(ts("Jan 1, 2025 12:30am"), kJan1 + 1800);
}

TEST_F(TimestampTest, ErrorMessageIsExact) {
  EXPECT_EQ(error_of("junk"), "invalid timestamp: 'junk'");
  EXPECT_EQ(error_of(""), "invalid timestamp: ''");
  EXPECT_EQ(error_of("  "), "invalid timestamp: '  '");
  EXPECT_THROW(ts("2025-13-01"), Error);
}

TEST_F(TimestampTest, RejectsOutOfRangeDates) {
  for (const char* s : {"2025-13-01", "2025-00-10", "2025-02-30", "2025-02-29", "2025-04-31",
                        "2025-01-00", "2025-01-32", "13/01/2025", "02/30/2025", "Feb 30, 2025",
                        "31 Apr 2025", "1969-12-31", "Jan 0 2025"}) {
    EXPECT_EQ(error_of(s), std::string("invalid timestamp: '") + s + "'") << s;
  }
}

TEST_F(TimestampTest, RejectsOutOfRangeTimes) {
  for (const char* s : {"2025-01-01 25:00", "2025-01-01 24:00", "2025-01-01 08:60",
                        "2025-01-01 08:00:60", "Jan 1, 2025 13pm", "Jan 1, 2025 0am",
                        "01/01/2025 13:00pm", "2025-01-01T08:00+24:00", "2025-01-01T08:00+05:60"}) {
    EXPECT_THROW(ts(s), Error) << s;
  }
}

TEST_F(TimestampTest, RejectsMalformedText) {
  for (const char* s : {"-1x",
                        "+",
                        "now-",
                        "now-abc",
                        "nowish",
                        "-inf",
                        "1.2.3",
                        "1e9",
                        "-1735689600x",
                        "2025-01",
                        "2025-01-01 8",
                        "2025-01-01 08:0",
                        "2025-01-01T",
                        "2025-01-01 08:00 junk",
                        "2025 -01-01",
                        "2025-01-01T 08:00",
                        "01/01/25",
                        "Foo 1, 2025",
                        "Jan 2025",
                        "Jan 1, 2025 Z",
                        "01/01/2025 08:00Z",
                        "2025-01-01 08:00:00.",
                        "Jan 1, 2025, 8am",
                        "todays",
                        "today 8am",
                        "2025/01/01"}) {
    EXPECT_THROW(ts(s), Error) << s;
  }
}

TEST_F(TimestampTest, LocalZoneAppliesToDatesWithoutZone) {
  use_los_angeles();
  EXPECT_EQ(ts("2025-01-01"), kJan1 + 8 * kHour);           // PST
  EXPECT_EQ(ts("2025-07-01"), 1751328000 + 7 * kHour);      // PDT
  EXPECT_EQ(ts("Jan 1, 2025 8am"), kJan1 + 16 * kHour);     // 08:00 PST
  EXPECT_EQ(ts("01/01/2025 8:00 pm"), kJan1 + 28 * kHour);  // 20:00 PST
  EXPECT_EQ(ts("2025-01-01T08:00Z"), kJan1 + 8 * kHour);    // zone given: TZ ignored
  EXPECT_EQ(ts("1735689600"), kJan1);                       // epoch: TZ ignored
  EXPECT_EQ(ts("-1h"), kNow - kHour);
}

TEST_F(TimestampTest, LocalMidnightFollowsDaylightSaving) {
  use_los_angeles();
  // 2025-01-15T12:34:56Z is 04:34:56 PST: today starts at 08:00Z.
  EXPECT_EQ(ts("today"), kJan1 + 14 * kDay + 8 * kHour);
  // 2025-03-09T12:00:00Z is 05:00 PDT, the morning clocks went forward.
  const std::time_t dst_day = 1741478400 + 12 * 3600;
  const double today = ts("today", dst_day);
  EXPECT_EQ(today, 1741478400 + 8 * kHour);  // 00:00 PST
  EXPECT_EQ(ts("tomorrow", dst_day) - today, 23 * kHour);
  EXPECT_EQ(ts("yesterday", dst_day), today - kDay);
}

}  // namespace
}  // namespace fluxacct
