// Moving data in and out: export-db, pop-db, export-json.
#include "store/transfer.hpp"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

#include "cli/command.hpp"
#include "cli/csv_files.hpp"
#include "cli/legacy_csv.hpp"
#include "cli/progress.hpp"
#include "cli/render.hpp"
#include "cli/transfer_json.hpp"
#include "core/error.hpp"
#include "store/config.hpp"
#include "store/database.hpp"

namespace fluxacct::cli {
namespace {

// ---- export-db ------------------------------------------------------------

void define_export_db(Parser& p) {
  p.option({.flags = {"-d", "--directory"},
            .metavar = "DIRECTORY",
            .help = "where to write one <table>.csv per table (default: the current directory; "
                    "created if missing)"});
  p.option({.flags = {"-F", "--fairshare-emulate"},
            .kind = Kind::kFlag,
            .help = "print the bank and association hierarchy as the JSON input of "
                    "flux account-fairshare-emulate instead of writing files"});
  p.option({.flags = {"-u", "--users"},
            .metavar = "USERS",
            .help = "write associations to this file in the 0.18.1 form (no header): username, "
                    "userid, bank, shares, max_running_jobs, max_active_jobs, max_nodes, queues"});
  p.option({.flags = {"-b", "--banks"},
            .metavar = "BANKS",
            .help = "write banks to this file in the 0.18.1 form (no header): "
                    "bank, parent_bank, shares"});
  p.exclusive({"fairshare_emulate", "directory", "users"});
  p.exclusive({"fairshare_emulate", "directory", "banks"});
  p.epilog(
      "Files are RFC 4180 CSV with a header row: NULL is an empty field, the empty string is "
      "\"\", reals are written as Python prints them.");
}

// Writes each table to <dir>/<table>.csv as export_tables() streams it.
class DirectorySink : public store::TableSink {
 public:
  explicit DirectorySink(std::string dir) : dir_(std::move(dir)) {}

  bool wants_totals() const override { return progress_.enabled(); }

  void begin_table(const std::string& table, const std::vector<std::string>& columns,
                   std::int64_t total) override {
    if (table.find('/') != std::string::npos || table.empty() || table[0] == '.')
      throw Error(fmt::format("cannot export table {}: its name is not a file name", table));
    table_ = table;
    total_ = total;
    rows_ = 0;
    file_ = std::make_unique<CsvOutputFile>(dir_ + "/" + table + ".csv");
    for (const auto& c : columns) file_->writer().field(c);
    file_->writer().end_row();
    report(true);
  }

  void row(const std::vector<Value>& values) override {
    csv::Writer& w = file_->writer();
    for (const auto& v : values) write_value(w, v);
    w.end_row();
    if (++rows_ % 1024 == 0) report(false);
  }

  void end_table() override {
    report(true);
    file_->commit();
    file_.reset();
  }

 private:
  void report(bool force) {
    if (progress_.enabled())
      progress_.show(fmt::format("export-db: {}: {}/{} rows", table_, rows_, total_), force);
  }

  std::string dir_;
  std::string table_;
  std::int64_t total_ = 0, rows_ = 0;
  std::unique_ptr<CsvOutputFile> file_;
  Progress progress_;
};

std::string prepare_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error(fmt::format("{} exists and is not a directory", dir));
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("cannot create directory {}: {}", dir, ec.message()));
  return dir;
}

int run_export_db(const Args& args, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kRead);
  if (args.flag("fairshare_emulate")) {
    ctx.out.line(fairshare_hierarchy(db));
    return 0;
  }
  if (args.has("users") || args.has("banks")) {
    export_legacy(db, args.get_or("users", ""), args.get_or("banks", ""));
    return 0;
  }
  DirectorySink sink(prepare_directory(args.get_or("directory", ".")));
  store::export_tables(db, sink);
  return 0;
}

// ---- pop-db ---------------------------------------------------------------

void define_pop_db(Parser& p) {
  p.option({.flags = {"-c", "--csv-file"},
            .metavar = "CSV_FILE",
            .help = "a CSV file with a header row; its name (without .csv) names the table"});
  p.option({.flags = {"-f", "--fields"},
            .metavar = "FIELDS",
            .help = "with -c: the comma-separated header columns to import (default: all)"});
  p.option({.flags = {"-d", "--directory"},
            .metavar = "DIRECTORY",
            .help = "import every <table>.csv of a directory written by export-db"});
  p.option({.flags = {"-u", "--users"},
            .metavar = "USERS",
            .help = "a 0.18.1 users file (no header): username, userid, bank, shares, "
                    "max_running_jobs, max_active_jobs, max_nodes, queues; each row is an "
                    "add-user"});
  p.option({.flags = {"-b", "--banks"},
            .metavar = "BANKS",
            .help = "a 0.18.1 banks file (no header): bank, parent_bank, shares; each row is "
                    "an add-bank (banks are added before users)"});
  p.exclusive({"csv_file", "directory", "users"});
  p.exclusive({"csv_file", "directory", "banks"});
  p.epilog(
      "An empty cell leaves the column to its default; \"\" is the empty string. Everything is "
      "imported in one transaction: on any error nothing is written.");
}

std::string table_of(const std::string& path) {
  std::string base = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  if (base.size() > 4 && base.ends_with(".csv")) base.resize(base.size() - 4);
  return base;
}

std::int64_t import_file(sql::Connection& db, const std::string& path, const std::string& table,
                         store::ImportOptions opts) {
  CsvInputFile file(path);
  Progress progress;
  if (progress.enabled()) {
    const double size = static_cast<double>(std::max<std::uint64_t>(file.size(), 1));
    opts.progress = [&progress, &path, size](std::int64_t rows, std::uint64_t bytes) {
      progress.show(fmt::format("pop-db: {}: {} rows ({:.0f}%)", path, rows,
                                100.0 * static_cast<double>(bytes) / size));
    };
  }
  return store::import_table(db, table, file.reader(), opts);
}

void import_directory(sql::Connection& db, const std::string& dir) {
  std::set<std::string> tables;
  DIR* d = opendir(dir.c_str());
  if (!d) throw Error(fmt::format("cannot read directory {}: {}", dir, std::strerror(errno)));
  while (struct dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 4 && name[0] != '.' && name.ends_with(".csv")) tables.insert(table_of(name));
  }
  closedir(d);
  if (tables.empty()) throw Error(fmt::format("no <table>.csv files in {}", dir));
  const auto& order = store::import_order();
  for (const auto& t : tables)
    if (std::find(order.begin(), order.end(), t) == order.end())
      throw Error(fmt::format("pop-db: table \"{}\" does not exist in the database", t));
  store::ImportOptions opts;
  // The files are the truth: tracking rows come from them when present.
  opts.create_factor_rows = !tables.count("job_usage_factor_table");
  opts.create_usage_bins = !tables.count("job_usage_per_association_table");
  for (const auto& t : order)
    if (tables.count(t)) import_file(db, dir + "/" + t + ".csv", t, opts);
}

int run_pop_db(const Args& args, Context& ctx) {
  const auto csv_file = args.get("csv_file");
  const auto directory = args.get("directory");
  const auto users = args.get("users");
  const auto banks = args.get("banks");
  if (!csv_file && !directory && !users && !banks)
    throw UsageError(
        "one of the arguments -c/--csv-file -d/--directory -u/--users -b/--banks is required");
  store::ImportOptions opts;
  if (auto f = args.get("fields")) {
    if (!csv_file) throw UsageError("argument -f/--fields: only applies with -c/--csv-file");
    opts.fields = split_list(*f);
    if (opts.fields.empty()) throw Error("--fields: no column names given");
  }
  auto db = open_database(ctx.db_path, Access::kWrite);
  sql::Transaction tx(db);
  const auto settings_before = store::usage_settings(db);
  if (csv_file) import_file(db, *csv_file, table_of(*csv_file), opts);
  if (directory) import_directory(db, *directory);
  // Loaded settings are checked like edit-config's. A config file loaded on
  // its own re-bins usage when it changes the periods or the decay factor;
  // a whole-directory restore brings its usage bins with it.
  store::settle_loaded_config(db, settings_before, csv_file.has_value(), ctx.now);
  if (banks) import_legacy_banks(db, *banks);
  if (users) import_legacy_users(db, *users, ctx.now);
  tx.commit();
  return 0;
}

// ---- export-json ----------------------------------------------------------

void define_export_json(Parser&) {}

int run_export_json(const Args&, Context& ctx) {
  auto db = open_database(ctx.db_path, Access::kRead);
  write_plugin_config(db, ctx.out);
  return 0;
}

}  // namespace

std::vector<Command> transfer_commands() {
  return {
      {"export-db", "write every table to CSV files (or the bank hierarchy as JSON with -F)",
       define_export_db, run_export_db},
      {"pop-db", "load CSV files into the database", define_pop_db, run_pop_db},
      {"export-json", "print the plugin's initialisation data as JSON", define_export_json,
       run_export_json},
  };
}

}  // namespace fluxacct::cli
