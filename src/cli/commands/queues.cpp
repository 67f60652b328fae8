// Queue commands: add-queue, edit-queue, view-queue, list-queues, delete-queue.
#include "store/queues.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cli/command.hpp"
#include "cli/listing.hpp"
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

constexpr KeyedView kQueueView{"queue_table", "queue", "QUEUE", "{queue} {priority}", true};

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

// ---- list-queues

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
      {"view-queue", "show a queue's priority and limits",
       [](Parser& p) { define_keyed_view(p, kQueueView); },
       [](const Args& a, Context& c) { return run_keyed_view(a, c, kQueueView); }},
      {"edit-queue", "change a queue's priority or limits", define_edit_queue, run_edit_queue},
      {"list-queues", "list every queue", [](Parser& p) { define_table_listing(p, queue_table()); },
       [](const Args& a, Context& c) { return run_table_listing(a, c, queue_table()); }},
      {"delete-queue", "remove a queue", define_delete_queue, run_delete_queue},
  };
}

}  // namespace fluxacct::cli
