// Reads a text file (or standard input) line by line through one reusable
// buffer, so memory stays flat however long the file is. A line longer than
// the limit is reported as such and skipped, not buffered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxacct::cli {

class LineReader {
 public:
  // "-" reads standard input. Throws Error("cannot open <path>: <reason>").
  LineReader(const std::string& path, std::size_t max_line = std::size_t{64} << 20);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its "\n" (a final line without one counts too).
  // The view is valid until the next call. Returns false at the end. Sets
  // `too_long` (and an empty line) for a line over the limit. Throws Error
  // on a read error.
  bool next(std::string_view& line, bool& too_long);

  std::int64_t line_number() const { return line_no_; }
  std::uint64_t bytes_read() const { return consumed_; }
  std::uint64_t size() const { return size_; }  // 0 when unknown (a pipe)
  const std::string& name() const { return name_; }

 private:
  bool fill();  // reads more after the data in buf_; false at the end

  std::string name_;
  int fd_ = -1;
  bool owned_ = false;
  bool eof_ = false;
  std::size_t max_line_;
  std::string buf_;
  std::size_t begin_ = 0, end_ = 0;  // unread data is buf_[begin_, end_)
  std::int64_t line_no_ = 0;
  std::uint64_t consumed_ = 0, size_ = 0;
};

}  // namespace fluxacct::cli
