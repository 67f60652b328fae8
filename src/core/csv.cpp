#include "core/csv.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace fluxacct::csv {
namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::size_t kReadBytes = 64 * 1024;

}  // namespace

bool needs_quotes(std::string_view text) {
  for (char c : text)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  return false;
}

void Writer::separator() {
  if (row_started_) buf_ += ',';
  row_started_ = true;
}

void Writer::field(std::string_view text) {
  separator();
  if (!text.empty() && !needs_quotes(text)) {
    buf_ += text;
    return;
  }
  buf_ += '"';
  // Copy up to and including each quote, then double it.
  for (std::size_t q; (q = text.find('"')) != std::string_view::npos; text.remove_prefix(q + 1)) {
    buf_ += text.substr(0, q + 1);
    buf_ += '"';
  }
  buf_ += text;
  buf_ += '"';
}

void Writer::null() { separator(); }

void Writer::plain(std::string_view text) {
  separator();
  buf_ += text;
}

void Writer::end_row() {
  buf_ += "\r\n";
  row_started_ = false;
  if (buf_.size() >= kFlushBytes) flush();
}

void Writer::flush() {
  if (buf_.empty()) return;
  sink_(buf_);
  buf_.clear();
}

Reader::Reader(std::string name, Source source)
    : name_(std::move(name)), source_(std::move(source)), buf_(kReadBytes) {}

bool Reader::fill() {
  if (eof_) return false;
  // Keep unread bytes (at most a few, when looking for the byte-order mark).
  std::size_t keep = end_ - pos_;
  for (std::size_t i = 0; i < keep; ++i) buf_[i] = buf_[pos_ + i];
  pos_ = 0;
  end_ = keep;
  std::size_t n = source_(buf_.data() + end_, buf_.size() - end_);
  if (n == 0) {
    eof_ = true;
    return keep > 0;
  }
  end_ += n;
  return true;
}

int Reader::peek() {
  if (pos_ >= end_ && !fill()) return -1;
  if (pos_ >= end_) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

int Reader::get() {
  int c = peek();
  if (c >= 0) {
    ++pos_;
    ++consumed_;
  }
  return c;
}

void Reader::fail_at(long line, const std::string& message) const {
  throw Error(fmt::format("{}:{}: {}", name_, line, message));
}

void Reader::fail(const std::string& message) const { fail_at(record_line_, message); }

// Text goes into SQLite as UTF-8; a file in another encoding (or a binary
// file) is refused here rather than stored as mojibake.
void Reader::check_utf8(const std::string& text, long line) const {
  if (!is_valid_utf8(text)) fail_at(line, "invalid UTF-8 (the file must be UTF-8 text)");
}

bool Reader::next(Row& row) {
  if (!started_) {
    started_ = true;
    while (end_ - pos_ < 3 && fill()) {
    }
    if (end_ - pos_ >= 3 && buf_[pos_] == '\xEF' && buf_[pos_ + 1] == '\xBB' &&
        buf_[pos_ + 2] == '\xBF') {
      pos_ += 3;
      consumed_ += 3;
    }
  }
  // Blank lines separate nothing; skip them.
  for (;;) {
    int c = peek();
    if (c == -1) return false;
    if (c != '\r' && c != '\n') break;
    get();
    if (c == '\r' && peek() == '\n') get();
    ++line_;
  }
  record_line_ = line_;
  std::size_t count = 0, size = 0;
  auto add_byte = [&](Field& f, int c) {
    if (c == 0) fail_at(line_, "NUL byte in the input (is this a text file?)");
    if (++size > kMaxRecordBytes)
      fail_at(record_line_, fmt::format("record longer than {} MiB (an unterminated quoted field?)",
                                        kMaxRecordBytes >> 20));
    f.text += static_cast<char>(c);
  };
  for (;;) {
    if (count == row.size()) row.emplace_back();
    Field& f = row[count++];
    f.text.clear();
    f.quoted = false;
    const long field_line = line_;
    int c = peek();
    if (c == '"') {
      get();
      f.quoted = true;
      for (;;) {
        c = get();
        if (c == -1) fail_at(field_line, "unterminated quoted field");
        if (c == '"') {
          if (peek() != '"') break;
          get();
        } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
          ++line_;
        }
        add_byte(f, c);
      }
      c = peek();
      if (c != ',' && c != '\r' && c != '\n' && c != -1)
        fail_at(line_,
                "text after a closing quote (a quote inside a quoted field is written \"\")");
    } else {
      for (;;) {
        c = peek();
        if (c == ',' || c == '\r' || c == '\n' || c == -1) break;
        if (c == '"')
          fail_at(line_,
                  "quote in an unquoted field (quote the whole field and write a quote as \"\")");
        get();
        add_byte(f, c);
      }
    }
    check_utf8(f.text, field_line);
    c = get();
    if (c == ',') continue;
    if (c == '\r' && peek() == '\n') get();
    if (c != -1) ++line_;
    row.resize(count);
    return true;
  }
}

}  // namespace fluxacct::csv
