// queue_table: the accounting side of a Flux queue - its priority factor
// and its per-association limits. The writers run inside the caller's
// transaction (one per command) and throw Error with the message the user
// sees; the caller's transaction then rolls everything back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace fluxacct::store {

// One queue_table column to set. No value means the column's default
// (schema 38's DEFAULT; written as a value, so it also works on files
// whose upgrade lost ON CONFLICT REPLACE).
struct QueueSetting {
  std::string column;
  std::optional<std::int64_t> value;
};

bool queue_exists(sql::Connection& db, const std::string& queue);

// add-queue. Refuses an empty name, a name with a comma (association rows
// list queues comma-separated) and a queue that exists
// ("queue <q> already exists in queue_table"). Columns not in `settings`
// take their defaults.
void add_queue(sql::Connection& db, const std::string& queue,
               const std::vector<QueueSetting>& settings);

// edit-queue: sets the given columns and leaves the others alone.
// Refuses an empty edit ("no fields provided for update") and an unknown
// queue ("queue <q> not found in queue_table").
void edit_queue(sql::Connection& db, const std::string& queue,
                const std::vector<QueueSetting>& settings);

// delete-queue: removes the row ("queue <q> not found in queue_table" when
// there is none). Returns true when some association still lists the queue
// by its whole name, so the caller can warn.
bool delete_queue(sql::Connection& db, const std::string& queue);

}  // namespace fluxacct::store
