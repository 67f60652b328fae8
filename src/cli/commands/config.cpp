// config_table: add-config, view-config, edit-config, delete-config, list-configs.
#include "store/config.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/listing.hpp"
#include "cli/render.hpp"
#include "core/config_keys.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"

namespace fluxacct::cli {
namespace {

constexpr KeyedView kConfigView{"config_table", "key", "KEY", "{key} {value}", false};

constexpr const char* kKnownKeys =
    "Known keys and their values: node_weight, core_weight, gpu_weight (a number >= 0); "
    "priority_usage_reset_period, priority_decay_half_life (a Flux Standard Duration such as "
    "'30s', '15m', '8h', '14d', or seconds; stored in seconds); decay_factor (0 < F < 1); "
    "deny_unknown_queues (true or false); enforce_queue_job_limits (true or false: the priority "
    "engine rejects jobs outside a queue's nodes-per-job or time-per-job limits; off when "
    "absent); reconfigure_time (seconds since the epoch, set by re-binning). Other keys take any "
    "text.";

// ---- add-config

void define_add_config(Parser& p) {
  p.positional({.name = "KEY=VALUE", .help = "the key-value string to be added to config_table"});
  p.epilog(kKnownKeys);
}

int run_add_config(const Args& args, Context& ctx) {
  auto [key, value] = config::split_key_value(*args.get("KEY=VALUE"));
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::add_config(db, key, value, ctx.now);
  tx.commit();
  return 0;
}

// ---- view-config

// ---- edit-config

void define_edit_config(Parser& p) {
  p.positional({.name = "KEY=VALUE",
                .help = "the key-value strings to be edited in config_table",
                .nargs = '+'});
  p.epilog(std::string(kKnownKeys) +
           " WARNING: changing priority_usage_reset_period, priority_decay_half_life or "
           "decay_factor re-bins all job usage and resets usage for every association and bank "
           "to 0.0; jobs that ended before the change are not counted again.");
}

int run_edit_config(const Args& args, Context& ctx) {
  std::vector<store::ConfigAssignment> edits;
  for (const auto& kv : args.list("KEY=VALUE")) {
    auto [key, value] = config::split_key_value(kv);
    edits.push_back({std::move(key), std::move(value)});
  }
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::edit_config(db, edits, ctx.now);
  tx.commit();
  return 0;
}

// ---- delete-config

void define_delete_config(Parser& p) {
  p.positional({.name = "KEY", .help = "the key of the key-value pair to remove"});
  p.epilog(
      "The keys create-db adds cannot be removed: priority_usage_reset_period, "
      "priority_decay_half_life, decay_factor, node_weight, core_weight, gpu_weight and "
      "deny_unknown_queues.");
}

int run_delete_config(const Args& args, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  store::delete_config(db, *args.get("KEY"));
  tx.commit();
  return 0;
}

// ---- list-configs

}  // namespace

std::vector<Command> config_commands() {
  return {
      {"add-config", "add a key-value pair to config_table", define_add_config, run_add_config},
      {"view-config", "view a key-value pair from config_table",
       [](Parser& p) { define_keyed_view(p, kConfigView); },
       [](const Args& a, Context& c) { return run_keyed_view(a, c, kConfigView); }},
      {"edit-config", "edit one or more key-value pairs in config_table", define_edit_config,
       run_edit_config},
      {"delete-config", "delete a key-value pair from config_table", define_delete_config,
       run_delete_config},
      {"list-configs", "list all priority configs in the flux-accounting DB",
       [](Parser& p) { define_table_listing(p, schema::table("config_table")); },
       [](const Args& a, Context& c) {
         return run_table_listing(a, c, schema::table("config_table"));
       }},
  };
}

}  // namespace fluxacct::cli
