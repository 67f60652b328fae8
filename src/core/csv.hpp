// CSV (RFC 4180) as export-db writes it and pop-db reads it: comma
// separated, records ending in CRLF (LF and a lone CR are read too), fields
// quoted with '"' when they hold a comma, a quote, CR or LF, and a quote
// inside a quoted field written twice ("").
//
// One convention beyond RFC 4180 keeps NULL and the empty string apart: a
// NULL is an empty unquoted field (a,,b) and the empty string an empty
// quoted one (a,"",b). The reader reports which of the two it saw.
//
// Both sides stream: the writer hands its buffer to a sink every 64 KiB and
// the reader pulls input in blocks, so memory does not grow with the number
// of rows. Neither touches files; the caller supplies the sink or source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fluxacct::csv {

class Writer {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit Writer(Sink sink) : sink_(std::move(sink)) {}
  ~Writer() = default;
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // A text field: quoted when it must be, and always when empty (so that it
  // reads back as "" and not as NULL).
  void field(std::string_view text);
  // A NULL: an empty unquoted field.
  void null();
  // Text known to need no quoting (numbers); written as is. Must not be empty.
  void plain(std::string_view text);
  // Ends the record with CRLF.
  void end_row();
  // Hands everything buffered to the sink.
  void flush();

 private:
  void separator();
  Sink sink_;
  std::string buf_;
  bool row_started_ = false;
};

// Whether a text field must be quoted: it holds a comma, a quote, CR or LF.
bool needs_quotes(std::string_view text);

struct Field {
  std::string text;
  bool quoted = false;  // an empty unquoted field is a NULL
  bool is_null() const { return !quoted && text.empty(); }
};
using Row = std::vector<Field>;

class Reader {
 public:
  // Fills `buf` with up to `cap` bytes and returns how many; 0 at the end.
  using Source = std::function<std::size_t(char* buf, std::size_t cap)>;

  // `name` prefixes error messages ("users.csv:12: unterminated quoted field").
  Reader(std::string name, Source source);

  // Reads the next record into `row`; false at the end of the input. Blank
  // lines are skipped and a UTF-8 byte-order mark at the start is ignored.
  // Throws fluxacct::Error naming the file and line on malformed input: an
  // unterminated quoted field, a quote inside an unquoted field, text after
  // a closing quote, a NUL byte, invalid UTF-8, a record over the size limit.
  bool next(Row& row);

  // The line on which the last record returned starts (1-based).
  long line() const { return record_line_; }
  // Bytes consumed so far, for progress reports.
  std::uint64_t bytes_read() const { return consumed_; }
  const std::string& name() const { return name_; }

  // Throws fluxacct::Error("<name>:<line>: <message>") for the last record.
  [[noreturn]] void fail(const std::string& message) const;

  // Records longer than this are refused (a runaway quoted field).
  static constexpr std::size_t kMaxRecordBytes = 64u << 20;

 private:
  int peek();  // -1 at the end
  int get();
  bool fill();
  [[noreturn]] void fail_at(long line, const std::string& message) const;
  void check_utf8(const std::string& text, long line) const;

  std::string name_;
  Source source_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  long line_ = 1;  // current physical line
  long record_line_ = 0;
  std::uint64_t consumed_ = 0;
};

}  // namespace fluxacct::csv
