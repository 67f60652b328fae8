#include "store/job_records.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "store/schema.hpp"

namespace fluxacct::store {
namespace {

constexpr const char* kArchiveColumns[] = {"id",         "userid", "t_submit", "t_run",
                                           "t_inactive", "ranks",  "R",        "jobspec"};

bool same_ident(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

sql::Connection open_archive(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) throw Error(fmt::format("job archive {} does not exist", path));
  if (S_ISDIR(st.st_mode)) throw Error(fmt::format("job archive {} is a directory", path));
  try {
    return sql::Connection(path, sql::Connection::Mode::kReadOnly);
  } catch (const Error& e) {
    throw Error(fmt::format("cannot open job archive {}: {}", path, e.what()));
  }
}

jobrec::RawField field(const sql::Statement& st, int i) {
  switch (st.column_type(i)) {
    case SQLITE_NULL:
      return jobrec::RawField::null();
    case SQLITE_INTEGER:
      return jobrec::RawField::integer_of(st.get_int(i));
    case SQLITE_FLOAT:
      return jobrec::RawField::real_of(st.get_double(i));
    default:  // text, or a blob: its bytes as text (checked as UTF-8 later)
      return jobrec::RawField::text_of(st.get_text_view(i));
  }
}

}  // namespace

JobArchive::JobArchive(const std::string& path) : path_(path), conn_(open_archive(path)) {
  std::vector<std::string> columns;
  try {
    auto st = conn_.prepare(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = 'jobs' "
        "COLLATE NOCASE");
    if (!st.step()) throw Error(fmt::format("{} is not a job archive: it has no jobs table", path));
    columns = conn_.table_columns("jobs");
  } catch (const Error& e) {
    if (std::string_view(e.what()).find("is not a job archive") != std::string_view::npos) throw;
    throw Error(fmt::format("{} is not a job archive: {}", path, e.what()));
  }
  std::string missing;
  for (const char* want : kArchiveColumns)
    if (std::none_of(columns.begin(), columns.end(),
                     [&](const std::string& c) { return same_ident(c, want); }))
      missing += (missing.empty() ? "" : ", ") + std::string(want);
  if (!missing.empty())
    throw Error(
        fmt::format("{} is not a job archive: its jobs table has no column {}", path, missing));
  try {
    rows_st_.emplace(conn_.prepare(
        "SELECT id, userid, t_submit, t_run, t_inactive, ranks, R, jobspec FROM jobs"));
  } catch (const Error& e) {
    throw Error(fmt::format("cannot read job archive {}: {}", path, e.what()));
  }
}

bool JobArchive::next(jobrec::RawJob& raw) {
  bool more = false;
  try {
    more = rows_st_->step();
  } catch (const Error& e) {
    throw Error(fmt::format("cannot read job archive {}: {}", path_, e.what()));
  }
  if (!more) {
    rows_st_.reset();  // ends the read transaction
    return false;
  }
  ++rows_;
  const sql::Statement& st = *rows_st_;
  raw.id = field(st, 0);
  raw.userid = field(st, 1);
  raw.t_submit = field(st, 2);
  raw.t_run = field(st, 3);
  raw.t_inactive = field(st, 4);
  raw.ranks = field(st, 5);
  raw.R = field(st, 6);
  raw.jobspec = field(st, 7);
  return true;
}

JobWriter::JobWriter(sql::Connection& db)
    : db_(db),
      st_(db.prepare("INSERT INTO jobs (id, userid, t_submit, t_run, t_inactive, ranks, R, "
                     "jobspec, project, bank, requested_duration, actual_duration) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
  // Records arrive in job order but users round-robin: every insert lands
  // on a random page of the (userid, t_inactive) index. With SQLite's 2 MB
  // default cache those pages are evicted, written and read back again and
  // again (1,000,000 records: 547,000 page writes and 284,000 reads); 32 MB
  // holds the index of a million records (288,000 writes, 24,000 reads,
  // 9.0 -> 6.9 s). Memory stays bounded: the cache fills only as needed.
  db.exec("PRAGMA cache_size = -32768");
}

bool JobWriter::insert(const jobrec::JobRow& row) {
  // The row's text stays put until run() returns: bound without copies.
  st_.bind_static(1, row.id)
      .bind(2, row.userid)
      .bind(3, row.t_submit)
      .bind(4, row.t_run)
      .bind(5, row.t_inactive)
      .bind_static(6, row.ranks)
      .bind_static(7, row.R)
      .bind_static(8, row.jobspec)
      .bind_static(9, row.project)
      .bind_static(10, row.bank)
      .bind(11, row.requested_duration)
      .bind(12, row.actual_duration);
  st_.run();
  return db_.changes() == 1;
}

void create_job_indexes(sql::Connection& db) {
  for (std::string_view ddl : schema::auxiliary_indexes()) db.exec(ddl);
}

}  // namespace fluxacct::store
