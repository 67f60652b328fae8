// The typed keys of config_table: how KEY=VALUE splits, which values each
// known key takes, and the one text form each is stored in.
#include "core/config_keys.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace fluxacct::config {
namespace {

std::string message_of(std::string_view key, std::string_view value) {
  try {
    normalize_value(key, value);
  } catch (const Error& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(SplitKeyValue, ExactlyOneEquals) {
  EXPECT_EQ(split_key_value("foo=bar"), (std::pair<std::string, std::string>{"foo", "bar"}));
  EXPECT_EQ(split_key_value("foo="), (std::pair<std::string, std::string>{"foo", ""}));
  EXPECT_EQ(split_key_value("a b=c d"), (std::pair<std::string, std::string>{"a b", "c d"}));
  for (const char* bad : {"foobar", "bad=format=foo", "==", ""}) {
    EXPECT_THROW(split_key_value(bad), Error) << bad;
    try {
      split_key_value(bad);
    } catch (const Error& e) {
      EXPECT_STREQ(e.what(), "key-value string must contain exactly one \"=\"") << bad;
    }
  }
}

TEST(SplitKeyValue, EmptyKeyRefused) { EXPECT_THROW(split_key_value("=bar"), Error); }

TEST(KnownKeys, WhichKeysAreTypedAndWhichRebin) {
  for (const char* k :
       {"node_weight", "core_weight", "gpu_weight", "priority_usage_reset_period",
        "priority_decay_half_life", "decay_factor", "deny_unknown_queues", "reconfigure_time"})
    EXPECT_TRUE(is_known_key(k)) << k;
  EXPECT_FALSE(is_known_key("foo"));
  EXPECT_FALSE(is_known_key("Node_Weight"));
  EXPECT_TRUE(affects_usage_bins("priority_usage_reset_period"));
  EXPECT_TRUE(affects_usage_bins("priority_decay_half_life"));
  EXPECT_TRUE(affects_usage_bins("decay_factor"));
  EXPECT_FALSE(affects_usage_bins("node_weight"));
  EXPECT_FALSE(affects_usage_bins("reconfigure_time"));
}

TEST(NormalizeValue, WeightsAreNonNegativeFloatsInPythonForm) {
  EXPECT_EQ(normalize_value("node_weight", "2"), "2.0");
  EXPECT_EQ(normalize_value("core_weight", " 0.25 "), "0.25");
  EXPECT_EQ(normalize_value("gpu_weight", "1e3"), "1000.0");
  EXPECT_EQ(normalize_value("gpu_weight", "-0"), "0.0");
  EXPECT_EQ(normalize_value("node_weight", "0"), "0.0");
  EXPECT_EQ(message_of("node_weight", "foo"),
            "node_weight must be a non-negative floating-point value, got 'foo'");
  for (const char* bad : {"-1", "nan", "inf", "", "0x10", "1.5.2", "1,5"})
    EXPECT_NE(message_of("core_weight", bad), "(accepted)") << bad;
}

TEST(NormalizeValue, PeriodsAreDurationsStoredInSecondsAsCreateDbWritesThem) {
  EXPECT_EQ(normalize_value("priority_decay_half_life", "15m"), "900");
  EXPECT_EQ(normalize_value("priority_decay_half_life", "1h"), "3600");
  EXPECT_EQ(normalize_value("priority_usage_reset_period", "1234"), "1234");
  EXPECT_EQ(normalize_value("priority_usage_reset_period", "1d"), "86400");
  EXPECT_EQ(normalize_value("priority_usage_reset_period", "14d"), "1209600");
  EXPECT_EQ(normalize_value("priority_usage_reset_period", "1.5h"), "5400");
  EXPECT_EQ(normalize_value("priority_decay_half_life", "0.5s"), "0.5");
  EXPECT_EQ(normalize_value("priority_decay_half_life", "250ms"), "0.25");
  EXPECT_EQ(message_of("priority_usage_reset_period", "foo"),
            "invalid Flux standard duration for priority_usage_reset_period: 'foo'");
  EXPECT_EQ(message_of("priority_decay_half_life", "0"),
            "priority_decay_half_life must be greater than 0, got '0'");
  EXPECT_EQ(message_of("priority_decay_half_life", "0s"),
            "priority_decay_half_life must be greater than 0, got '0s'");
  EXPECT_EQ(message_of("priority_decay_half_life", "inf"),
            "priority_decay_half_life must be finite, got 'inf'");
  for (const char* bad : {"-1", "1w", "", "1 h", "h"})
    EXPECT_NE(message_of("priority_decay_half_life", bad), "(accepted)") << bad;
}

TEST(NormalizeValue, DecayFactorStrictlyBetweenZeroAndOne) {
  EXPECT_EQ(normalize_value("decay_factor", "0.9"), "0.9");
  EXPECT_EQ(normalize_value("decay_factor", ".5"), "0.5");
  EXPECT_EQ(normalize_value("decay_factor", "1e-3"), "0.001");
  const std::string msg = "decay_factor must be a floating-point value between 0 and 1 (exclusive)";
  for (const char* bad : {"0", "1", "-0.1", "1.1", "foo", "nan", ""}) {
    EXPECT_EQ(message_of("decay_factor", bad).rfind(msg, 0), 0u) << bad;
  }
  EXPECT_EQ(message_of("decay_factor", "1"), msg + ", got '1'");
}

TEST(NormalizeValue, DenyUnknownQueuesIsTrueOrFalseStoredLowerCase) {
  EXPECT_EQ(normalize_value("deny_unknown_queues", "true"), "true");
  EXPECT_EQ(normalize_value("deny_unknown_queues", "True"), "true");
  EXPECT_EQ(normalize_value("deny_unknown_queues", "FALSE"), "false");
  EXPECT_EQ(message_of("deny_unknown_queues", "yes"),
            "deny_unknown_queues must be 'true' or 'false', got 'yes'");
  EXPECT_NE(message_of("deny_unknown_queues", "1"), "(accepted)");
  EXPECT_NE(message_of("deny_unknown_queues", " true"), "(accepted)");
}

TEST(NormalizeValue, ReconfigureTimeIsEpochSeconds) {
  EXPECT_EQ(normalize_value("reconfigure_time", "1767225600"), "1767225600");
  EXPECT_EQ(normalize_value("reconfigure_time", "1767225600.0"), "1767225600");
  EXPECT_EQ(normalize_value("reconfigure_time", "1767225600.25"), "1767225600.25");
  EXPECT_NE(message_of("reconfigure_time", "-1"), "(accepted)");
  EXPECT_NE(message_of("reconfigure_time", "yesterday"), "(accepted)");
}

TEST(NormalizeValue, OtherKeysAreFreeText) {
  EXPECT_EQ(normalize_value("foo", "bar baz"), "bar baz");
  EXPECT_EQ(normalize_value("foo", ""), "");
  EXPECT_EQ(normalize_value("NODE_WEIGHT", "x"), "x");
}

TEST(SecondsText, WholeSecondsAsIntegersElsePythonFloats) {
  EXPECT_EQ(seconds_text(604800), "604800");
  EXPECT_EQ(seconds_text(900.0), "900");
  EXPECT_EQ(seconds_text(0.5), "0.5");
  EXPECT_EQ(seconds_text(1e20), "1e+20");
}

TEST(ParseNumber, PythonFloatAcceptance) {
  EXPECT_EQ(parse_number("604800"), 604800.0);
  EXPECT_EQ(parse_number("604800.0"), 604800.0);
  EXPECT_EQ(parse_number(" 0.5\n"), 0.5);
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("  "));
  EXPECT_FALSE(parse_number("0x10"));
  EXPECT_FALSE(parse_number("1 2"));
  EXPECT_FALSE(parse_number("nan(1)"));
  EXPECT_FALSE(parse_number("15m"));
}

}  // namespace
}  // namespace fluxacct::config
