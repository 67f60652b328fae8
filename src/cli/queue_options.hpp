// The options of add-queue and edit-queue: one per queue_table column, and
// how the value typed for each is read. One rule for both commands:
//   - every value is an integer; -1 means the column's default;
//   - limits (max_*) are non-negative or the word "unlimited" (any case),
//     which is 2147483647; min_nodes_per_job is non-negative;
//   - priority is any integer that fits the column (a negative priority
//     lowers the queue's jobs), except -1, which is the default 0.
// Below -1 a limit gets upstream's edit-queue message; text that is not an
// integer gets argparse's "invalid int value" error, as upstream's int
// options do.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/argparse.hpp"

namespace fluxacct::cli {

// What a column holds: a count (min_nodes_per_job), a limit (max_*) or the priority.
enum class QueueValue { kCount, kLimit, kPriority };

struct QueueField {
  const char* column;  // also the option's dest
  std::vector<std::string> flags;
  QueueValue kind;
  const char* help;  // the column default is appended
};

// Every settable column, in upstream's option order.
std::span<const QueueField> queue_fields();

// The value for `field`, or nullopt for the column default (-1).
// Throws UsageError (not an integer) or Error (out of range).
std::optional<std::int64_t> parse_queue_value(const QueueField& field, const std::string& text);

// Declares every queue field as an option of `p`.
void define_queue_options(Parser& p);

}  // namespace fluxacct::cli
