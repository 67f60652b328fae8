// The view-<thing> and list-<things> commands of the small tables (queues,
// projects, factors, config) all behave alike: look one row up by its key,
// or list every row with --fields/--json/-o. This is that behaviour once.
#pragma once

#include <string>

#include "cli/argparse.hpp"
#include "cli/command.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {

// Upstream refuses an empty result with a message instead of printing an
// empty listing. Reads the first row and rewinds, so the rows still stream.
void require_rows(RowSource& rows, const std::string& message);

// The table's columns upper-cased and comma-joined, as upstream's --fields metavars show them.
std::string fields_metavar(const schema::Table& table);

// -o/--format when given and not empty (an empty format means none, as upstream).
const std::string* format_option(const Args& args, std::string& storage);

// One row of a table looked up by its key column.
struct KeyedView {
  const char* table;       // e.g. "queue_table"
  const char* key_column;  // e.g. "queue"; also the noun of "queue X not found in queue_table"
  const char* positional;  // e.g. "QUEUE"
  const char* example;     // a format-string example for -o's help
  // Queues and projects print JSON unless --parsable; factors and config a
  // table unless --json, as upstream has them.
  bool json_by_default;
};

void define_keyed_view(Parser& p, const KeyedView& view);
int run_keyed_view(const Args& args, Context& ctx, const KeyedView& view);

// Every row of a table in insertion order: --fields, --json, -o; a table by default.
void define_table_listing(Parser& p, const schema::Table& table);
int run_table_listing(const Args& args, Context& ctx, const schema::Table& table);

}  // namespace fluxacct::cli
