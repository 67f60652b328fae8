#include "cli/line_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;

}  // namespace

LineReader::LineReader(const std::string& path, std::size_t max_line)
    : name_(path == "-" ? "standard input" : path), max_line_(max_line) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
  } else {
    fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw Error(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    owned_ = true;
  }
  struct stat st {};
  if (fstat(fd_, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      close(fd_);
      fd_ = -1;
      throw Error(fmt::format("cannot open {}: it is a directory", path));
    }
    if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
  }
  buf_.resize(kChunk);
}

LineReader::~LineReader() {
  if (owned_ && fd_ >= 0) close(fd_);
}

bool LineReader::fill() {
  if (eof_) return false;
  // Keep the unread data, at the front, and make room for a chunk after it.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kChunk) buf_.resize(end_ + kChunk);
  for (;;) {
    const ssize_t n = read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<std::size_t>(n);
    return true;
  }
}

bool LineReader::next(std::string_view& line, bool& too_long) {
  too_long = false;
  std::size_t scanned = begin_;  // no newline in buf_[begin_, scanned)
  for (;;) {
    const void* nl = std::memchr(buf_.data() + scanned, '\n', end_ - scanned);
    if (nl) {
      const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data());
      line = std::string_view(buf_.data() + begin_, at - begin_);
      consumed_ += at + 1 - begin_;
      begin_ = at + 1;
      ++line_no_;
      return true;
    }
    if (end_ - begin_ > max_line_) {
      // Too long: drop what we have, then everything up to the next newline.
      too_long = true;
      ++line_no_;
      for (;;) {
        consumed_ += end_ - begin_;
        begin_ = end_ = 0;
        if (!fill()) break;
        const void* end_nl = std::memchr(buf_.data(), '\n', end_);
        if (end_nl) {
          const std::size_t at =
              static_cast<std::size_t>(static_cast<const char*>(end_nl) - buf_.data());
          consumed_ += at + 1;
          begin_ = at + 1;
          break;
        }
      }
      line = {};
      return true;
    }
    const std::size_t have = end_ - begin_;
    if (!fill()) {
      if (end_ == begin_) return false;
      line = std::string_view(buf_.data() + begin_, end_ - begin_);  // no final newline
      consumed_ += end_ - begin_;
      begin_ = end_;
      ++line_no_;
      return true;
    }
    scanned = begin_ + have;  // fill() moved the data to the front
  }
}

}  // namespace fluxacct::cli
