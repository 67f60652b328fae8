#include "cli/line_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/line_reader_test.XXXXXX";
    const int fd = mkstemp(name);
    path_ = name;
    EXPECT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
    close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<std::string> read_all(const std::string& path, std::size_t max_line,
                                  std::vector<std::int64_t>* too_long = nullptr) {
  LineReader r(path, max_line);
  std::vector<std::string> lines;
  std::string_view line;
  bool over = false;
  while (r.next(line, over)) {
    if (over && too_long) too_long->push_back(r.line_number());
    lines.emplace_back(over ? "<too long>" : std::string(line));
  }
  return lines;
}

TEST(LineReader, LinesWithAndWithoutFinalNewline) {
  TempFile f("a\n\nbc\r\nlast");
  EXPECT_EQ(read_all(f.path(), 100), (std::vector<std::string>{"a", "", "bc\r", "last"}));
  TempFile g("one\n");
  EXPECT_EQ(read_all(g.path(), 100), (std::vector<std::string>{"one"}));
  TempFile empty("");
  EXPECT_TRUE(read_all(empty.path(), 100).empty());
}

TEST(LineReader, LinesAcrossBufferBoundaries) {
  std::string content;
  std::vector<std::string> want;
  for (int i = 0; i < 3000; ++i) {
    want.push_back(
        std::string(static_cast<std::size_t>(i * 7 % 3001), static_cast<char>('a' + i % 26)));
    content += want.back() + "\n";
  }
  want.push_back(std::string(3 << 20, 'z'));  // longer than one read
  content += want.back();
  TempFile f(content);
  LineReader r(f.path(), 64 << 20);
  std::string_view line;
  bool over = false;
  std::size_t i = 0;
  while (r.next(line, over)) {
    ASSERT_LT(i, want.size());
    EXPECT_EQ(line, want[i]) << "line " << i + 1;
    EXPECT_EQ(r.line_number(), static_cast<std::int64_t>(i + 1));
    ++i;
  }
  EXPECT_EQ(i, want.size());
  EXPECT_EQ(r.bytes_read(), content.size());
  EXPECT_EQ(r.size(), content.size());
}

TEST(LineReader, LongLinesAreReportedAndSkipped) {
  const std::string big(5 << 20, 'x');
  TempFile f("short\n" + big + "\nafter\n" + big);
  std::vector<std::int64_t> too_long;
  EXPECT_EQ(read_all(f.path(), 1 << 20, &too_long),
            (std::vector<std::string>{"short", "<too long>", "after", "<too long>"}));
  EXPECT_EQ(too_long, (std::vector<std::int64_t>{2, 4}));
}

TEST(LineReader, OpenErrors) {
  EXPECT_THROW(LineReader("/nonexistent/file"), Error);
  try {
    LineReader r("/tmp");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "cannot open /tmp: it is a directory");
  }
}

}  // namespace
}  // namespace fluxacct::cli
