// The `jobs` table as fetch-job-records fills it, and flux-core job-archive
// databases as a source of job records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/job_record.hpp"
#include "store/sqlite.hpp"

namespace fluxacct::store {

// A flux-core job-archive database (or any SQLite file whose `jobs` table
// or view has the columns id, userid, t_submit, t_run, t_inactive, ranks, R and
// jobspec, such as another accounting database), read row by row.
class JobArchive {
 public:
  // Opens `path` read-only. Throws Error naming the path when it is
  // missing, is not an SQLite database, or has no such `jobs` table.
  explicit JobArchive(const std::string& path);

  // The next row as a raw record; its text points into the archive's
  // buffers until the next call. False after the last row.
  bool next(jobrec::RawJob& raw);
  std::int64_t rows_read() const { return rows_; }

 private:
  std::string path_;
  sql::Connection conn_;
  std::optional<sql::Statement> rows_st_;
  std::int64_t rows_ = 0;
};

// Inserts rows into `jobs` with one prepared statement. A job whose id is
// already in the table (from an earlier run, or earlier in this one) is left
// as it is: recording is idempotent.
class JobWriter {
 public:
  explicit JobWriter(sql::Connection& db);
  // True when the row was added, false when the id was already recorded.
  bool insert(const jobrec::JobRow& row);

 private:
  sql::Connection& db_;
  sql::Statement st_;
};

// Creates the auxiliary indexes of `jobs` (schema::auxiliary_indexes())
// when missing.
void create_job_indexes(sql::Connection& db);

}  // namespace fluxacct::store
