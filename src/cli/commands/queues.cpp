// Queue commands: add-queue, edit-queue, view-queue, list-queues, delete-queue.
#include "store/queues.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cli/command.hpp"
#include "cli/queue_options.hpp"
#include "cli/render.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

const schema::Table& queue_table() { return schema::table("queue_table"); }

// The column list as a metavar, as upstream's --fields options show it.
std::string fields_metavar() {
  std::string m;
  for (const auto& c : queue_table().column_names()) {
    m += (m.empty() ? "" : ",");
    for (char ch : c) m += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return m;
}

// Upstream refuses an empty result with a message instead of printing an
// empty listing. Reads the first row and rewinds, so the rows still stream.
void require_rows(RowSource& rows, const std::string& message) {
  std::vector<Value> row;
  if (!rows.next(row)) throw Error(message);
  rows.rewind();
}

std::vector<store::QueueSetting> settings_from(const Args& args) {
  std::vector<store::QueueSetting> settings;
  for (const auto& f : queue_fields())
    if (auto v = args.get(f.column)) settings.push_back({f.column, parse_queue_value(f, *v)});
  return settings;
}

// ---- add-queue

void define_add_queue(Parser& p) {
  p.positional({.name = "QUEUE", .help = "the queue's name, as Flux knows it"});
  define_queue_options(p);
  p.epilog(
      "Values are integers; limits (max-*) may also be \"unlimited\". -1 means the "
      "column's default.");
}

int run_add_queue(const Args& args, Context& ctx) {
  const auto settings = settings_from(args);
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::add_queue(db, *args.get("QUEUE"), settings);
  tx.commit();
  return 0;
}

// ---- edit-queue

void define_edit_queue(Parser& p) {
  p.positional({.name = "QUEUE", .help = "the queue's name"});
  define_queue_options(p);
  p.epilog(
      "Only the options given change. A value of -1 resets a field to its default; limits "
      "(max-*) may also be \"unlimited\".");
}

int run_edit_queue(const Args& args, Context& ctx) {
  const auto settings = settings_from(args);
  if (settings.empty()) throw Error("no fields provided for update");
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::edit_queue(db, *args.get("QUEUE"), settings);
  tx.commit();
  return 0;
}

// ---- view-queue

void define_view_queue(Parser& p) {
  p.positional({.name = "QUEUE", .help = "the queue's name"});
  p.option({.flags = {"--parsable"}, .kind = Kind::kFlag, .help = "print the queue as a table"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "print the queue with a Python format string, e.g. '{queue} {priority}'"});
}

int run_view_queue(const Args& args, Context& ctx) {
  const std::string queue = *args.get("QUEUE");
  const std::string format = args.get_or("format", "");
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select(
      db, {&queue_table(), {}, {{"queue", store::Filter::Op::kIn, {queue}}}, "rowid"}));
  require_rows(rows, fmt::format("queue {} not found in queue_table", queue));
  if (!format.empty())
    render_format(rows, format, ctx.out);
  else if (args.flag("parsable"))
    render_table(rows, ctx.out);
  else
    render_json(rows, ctx.out);
  return 0;
}

// ---- list-queues

void define_list_queues(Parser& p) {
  p.option({.flags = {"--fields"},
            .metavar = fields_metavar(),
            .help = "list of fields to include in the output"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print output in JSON format"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "Specify output format using Python's string format syntax."});
}

int run_list_queues(const Args& args, Context& ctx) {
  store::SelectSpec spec{&queue_table(), {}, {}, "rowid"};
  if (auto f = args.get("fields")) spec.columns = parse_fields(*f, queue_table().column_names());
  const std::string format = args.get_or("format", "");
  auto db = open_database(ctx.db_path, Access::kRead);
  QueryRows rows(store::select(db, spec));
  require_rows(rows, "no results found in query");
  render(rows, format.empty() ? nullptr : &format, args.flag("json"), ctx.out);
  return 0;
}

// ---- delete-queue

void define_delete_queue(Parser& p) { p.positional({.name = "QUEUE", .help = "the queue's name"}); }

int run_delete_queue(const Args& args, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  const bool referenced = store::delete_queue(db, *args.get("QUEUE"));
  tx.commit();
  if (referenced)
    ctx.out.line(
        "WARNING: user(s) in the association_table still reference this queue. Make sure to "
        "edit user rows to account for this deleted queue.");
  return 0;
}

}  // namespace

std::vector<Command> queue_commands() {
  return {
      {"add-queue", "add a queue, with its priority and per-association limits", define_add_queue,
       run_add_queue},
      {"view-queue", "show a queue's priority and limits", define_view_queue, run_view_queue},
      {"edit-queue", "change a queue's priority or limits", define_edit_queue, run_edit_queue},
      {"list-queues", "list every queue", define_list_queues, run_list_queues},
      {"delete-queue", "remove a queue", define_delete_queue, run_delete_queue},
  };
}

}  // namespace fluxacct::cli
