// CSV files on disk for export-db and pop-db: reading one through
// csv::Reader, and writing one under a temporary name that replaces the
// real file only once it is complete.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "core/csv.hpp"
#include "core/value.hpp"

namespace fluxacct::cli {

class CsvInputFile {
 public:
  // Throws Error("cannot open <path>: <reason>").
  explicit CsvInputFile(const std::string& path);
  ~CsvInputFile();
  CsvInputFile(const CsvInputFile&) = delete;
  CsvInputFile& operator=(const CsvInputFile&) = delete;

  csv::Reader& reader() { return *reader_; }
  std::uint64_t size() const { return size_; }

 private:
  std::FILE* f_ = nullptr;
  std::uint64_t size_ = 0;
  std::unique_ptr<csv::Reader> reader_;
};

class CsvOutputFile {
 public:
  // Creates "<dir>/.<name>.tmp<pid>" next to `path`. Throws Error on failure.
  explicit CsvOutputFile(std::string path);
  // Removes the temporary file unless commit() succeeded.
  ~CsvOutputFile();
  CsvOutputFile(const CsvOutputFile&) = delete;
  CsvOutputFile& operator=(const CsvOutputFile&) = delete;

  csv::Writer& writer() { return *writer_; }
  // Flushes, closes and renames into place. Throws Error (e.g. disk full).
  void commit();

 private:
  void check_write(std::size_t wanted, std::size_t written);
  std::string path_, tmp_;
  std::FILE* f_ = nullptr;
  std::unique_ptr<csv::Writer> writer_;
};

// A stored value as export-db writes it: integers as integers, reals as
// Python's repr(), text as is (quoted when needed, "" when empty), NULL as
// an empty field.
void write_value(csv::Writer& w, const Value& v);

}  // namespace fluxacct::cli
