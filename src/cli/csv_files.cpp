#include "cli/csv_files.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "core/error.hpp"
#include "core/pyformat.hpp"

namespace fluxacct::cli {

CsvInputFile::CsvInputFile(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error(fmt::format("cannot open {}: it is a directory", path));
  f_ = std::fopen(path.c_str(), "rb");
  if (!f_) throw Error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  if (fstat(fileno(f_), &st) == 0) size_ = static_cast<std::uint64_t>(st.st_size);
  std::FILE* f = f_;
  reader_ = std::make_unique<csv::Reader>(path, [f, path](char* buf, std::size_t cap) {
    std::size_t n = std::fread(buf, 1, cap, f);
    if (n == 0 && std::ferror(f))
      throw Error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    return n;
  });
}

CsvInputFile::~CsvInputFile() {
  if (f_) std::fclose(f_);
}

CsvOutputFile::CsvOutputFile(std::string path) : path_(std::move(path)) {
  auto slash = path_.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path_.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  tmp_ = fmt::format("{}.{}.tmp{}", dir, base, getpid());
  f_ = std::fopen(tmp_.c_str(), "wb");
  if (!f_) throw Error(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
  writer_ = std::make_unique<csv::Writer>([this](std::string_view s) {
    check_write(s.size(), std::fwrite(s.data(), 1, s.size(), f_));
  });
}

void CsvOutputFile::check_write(std::size_t wanted, std::size_t written) {
  if (written != wanted)
    throw Error(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
}

CsvOutputFile::~CsvOutputFile() {
  if (f_) {
    std::fclose(f_);
    std::remove(tmp_.c_str());
  }
}

void CsvOutputFile::commit() {
  writer_->flush();
  std::FILE* f = f_;
  f_ = nullptr;
  const bool ok = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  const int err = errno;
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp_.c_str());
    throw Error(fmt::format("cannot write {}: {}", path_, std::strerror(ok ? errno : err)));
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int rename_err = errno;
    std::remove(tmp_.c_str());
    throw Error(fmt::format("cannot write {}: {}", path_, std::strerror(rename_err)));
  }
}

void write_value(csv::Writer& w, const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, *i);
    w.plain(std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
  } else if (const auto* d = std::get_if<double>(&v)) {
    w.plain(py::float_repr(*d));
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    w.field(*s);
  } else {
    w.null();
  }
}

}  // namespace fluxacct::cli
