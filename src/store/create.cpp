#include "store/create.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/config_keys.hpp"
#include "core/error.hpp"
#include "core/pyformat.hpp"
#include "core/usage_bins.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

namespace fluxacct {

void initialize_schema(sql::Connection& db, const CreateOptions& opts, std::time_t now) {
  for (const auto& t : schema::tables()) db.exec(t.create_sql());
  auto half = db.prepare(
      "INSERT INTO t_half_life_period_table (cluster, end_half_life_period) VALUES ('cluster', ?)");
  half.bind(1, static_cast<double>(now) + opts.decay_half_life).run();
  db.exec("INSERT INTO project_table (project) VALUES ('*')");
  auto factor =
      db.prepare("INSERT INTO priority_factor_weight_table (factor, weight) VALUES (?, ?)");
  for (const auto& f : schema::default_factor_weights()) {
    factor.bind(1, f.key)
        .bind(2, static_cast<std::int64_t>(std::stoll(std::string(f.value))))
        .run();
  }
  auto config = db.prepare("INSERT INTO config_table (key, value) VALUES (?, ?)");
  for (const auto& c : schema::default_config()) {
    std::string value(c.value);
    if (c.key == "priority_usage_reset_period")
      value = config::seconds_text(opts.usage_reset_period);
    if (c.key == "priority_decay_half_life") value = config::seconds_text(opts.decay_half_life);
    if (c.key == "decay_factor") value = py::float_repr(opts.decay_factor);
    config.bind(1, c.key).bind(2, value).run();
  }
  db.set_user_version(schema::kVersion);
}

void create_database(const std::string& path, const CreateOptions& opts, std::time_t now) {
  namespace fs = std::filesystem;
  if (!(opts.decay_factor > 0 && opts.decay_factor < 1))
    throw Error(fmt::format("Value must be between 0.0 and 1.0, but got {}",
                            py::float_repr(opts.decay_factor)));
  if (!(opts.decay_half_life > 0) || !std::isfinite(opts.decay_half_life))
    throw Error("--priority-decay-half-life must be greater than 0");
  if (!(opts.usage_reset_period > 0) || !std::isfinite(opts.usage_reset_period))
    throw Error("--priority-usage-reset-period must be greater than 0");
  // The same bound edit-config applies: each association keeps this many bins.
  if (usage_bin_count(opts.usage_reset_period, opts.decay_half_life) > config::kMaxUsageBins)
    throw Error(fmt::format(
        "--priority-usage-reset-period / --priority-decay-half-life = {} / {} would give more "
        "than {} usage periods per association",
        config::seconds_text(opts.usage_reset_period), config::seconds_text(opts.decay_half_life),
        config::kMaxUsageBins));

  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    throw Error(
        fmt::format("{} already exists; create-db will not touch an existing database "
                    "(use 'flux account-update-db' to upgrade one)",
                    path));
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec)
      throw Error(fmt::format("cannot create directory {}: {}", parent.string(), ec.message()));
  }

  std::string tmp = fmt::format("{}.create-{}", path, getpid());
  fs::remove(tmp, ec);
  try {
    {
      sql::Connection db(tmp, sql::Connection::Mode::kReadWriteCreate);
      db.exec("BEGIN");
      initialize_schema(db, opts, now);
      db.exec("COMMIT");
    }
    // link() fails if `path` appeared meanwhile, so a database created by
    // someone else at the same moment is never replaced.
    if (link(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      // Some file systems have no hard links; fall back to rename.
      bool no_links = err == EPERM || err == EOPNOTSUPP || err == ENOSYS;
      if (!no_links || fs::exists(path) || std::rename(tmp.c_str(), path.c_str()) != 0)
        throw Error(fmt::format("cannot create {}: {}", path, std::strerror(err)));
    }
    fs::remove(tmp, ec);
  } catch (...) {
    fs::remove(tmp, ec);
    fs::remove(tmp + "-journal", ec);
    throw;
  }
}

}  // namespace fluxacct
