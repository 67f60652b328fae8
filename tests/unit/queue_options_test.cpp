#include "cli/queue_options.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

const QueueField& field(const std::string& column) {
  for (const auto& f : queue_fields())
    if (f.column == column) return f;
  throw std::runtime_error("no field " + column);
}

std::string error_of(auto fn) {
  try {
    fn();
  } catch (const UsageError& e) {
    return std::string("usage: ") + e.what();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(QueueOptions, EveryColumnButTheNameHasOneOption) {
  const auto columns = schema::table("queue_table").column_names();
  ASSERT_EQ(queue_fields().size() + 1, columns.size());
  for (std::size_t i = 0; i < queue_fields().size(); ++i) {
    EXPECT_EQ(queue_fields()[i].column, columns[i + 1]);
    // The dest argparse derives from the long flag is the column name.
    std::string dest = queue_fields()[i].flags.back().substr(2);
    for (auto& c : dest)
      if (c == '-') c = '_';
    EXPECT_EQ(dest, queue_fields()[i].column);
  }
}

TEST(QueueOptions, MinusOneIsTheDefault) {
  for (const auto& f : queue_fields()) {
    EXPECT_EQ(parse_queue_value(f, "-1"), std::nullopt) << f.column;
    EXPECT_EQ(parse_queue_value(f, " -1 "), std::nullopt) << f.column;
  }
}

TEST(QueueOptions, Limits) {
  const auto& f = field("max_running_jobs");
  EXPECT_EQ(parse_queue_value(f, "0"), 0);
  EXPECT_EQ(parse_queue_value(f, "2147483647"), 2147483647);
  EXPECT_EQ(parse_queue_value(f, "unlimited"), 2147483647);
  EXPECT_EQ(parse_queue_value(f, "UnLimited"), 2147483647);
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "-2"); }),
            "value must be a non-negative integer or -1 to reset to default "
            "(--max-running-jobs '-2')");
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "2147483648"); }),
            "value must be at most 2147483647 (or \"unlimited\") (--max-running-jobs "
            "'2147483648')");
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "lots"); }),
            "usage: argument --max-running-jobs: invalid int value: 'lots'");
  EXPECT_EQ(error_of([&] { parse_queue_value(field("max_sched_nodes_per_assoc"), "1e3"); }),
            "usage: argument -msn/--max-sched-nodes-per-assoc: invalid int value: '1e3'");
}

TEST(QueueOptions, MinNodesIsACountWithoutUnlimited) {
  const auto& f = field("min_nodes_per_job");
  EXPECT_EQ(parse_queue_value(f, "0"), 0);
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "unlimited"); }),
            "usage: argument --min-nodes-per-job: invalid int value: 'unlimited'");
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "2147483648"); }),
            "value must be at most 2147483647 (--min-nodes-per-job '2147483648')");
}

TEST(QueueOptions, PriorityTakesAnyIntegerOfTheColumn) {
  const auto& f = field("priority");
  EXPECT_EQ(parse_queue_value(f, "-5"), -5);  // spec §6.3 #12: upstream refuses it
  EXPECT_EQ(parse_queue_value(f, "-2147483648"), -2147483648LL);
  EXPECT_EQ(parse_queue_value(f, "2147483647"), 2147483647);
  EXPECT_EQ(parse_queue_value(f, "0"), 0);
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "-2147483649"); }),
            "priority must be an integer from -2147483648 to 2147483647 (--priority "
            "'-2147483649')");
  EXPECT_EQ(error_of([&] { parse_queue_value(f, "unlimited"); }),
            "usage: argument -P/--priority: invalid int value: 'unlimited'");
}

}  // namespace
}  // namespace fluxacct::cli
