#include "core/csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "core/error.hpp"

namespace fluxacct::csv {
namespace {

// A source that hands out `text` in pieces of `chunk` bytes, so records
// straddle buffer boundaries.
Reader::Source from_string(std::string text, std::size_t chunk = 1 << 20) {
  auto pos = std::make_shared<std::size_t>(0);
  auto data = std::make_shared<std::string>(std::move(text));
  return [=](char* buf, std::size_t cap) {
    std::size_t n = std::min({cap, chunk, data->size() - *pos});
    std::memcpy(buf, data->data() + *pos, n);
    *pos += n;
    return n;
  };
}

std::vector<Row> read_all(const std::string& text, std::size_t chunk = 1 << 20) {
  Reader r("t.csv", from_string(text, chunk));
  std::vector<Row> rows;
  Row row;
  while (r.next(row)) rows.push_back(row);
  return rows;
}

std::vector<std::vector<std::string>> texts(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows) {
    out.emplace_back();
    for (const auto& f : r) out.back().push_back(f.text);
  }
  return out;
}

std::string error_of(const std::string& text) {
  try {
    read_all(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string write(const std::vector<std::vector<const char*>>& rows) {
  std::string out;
  Writer w([&](std::string_view s) { out += s; });
  for (const auto& r : rows) {
    for (const char* f : r) f ? w.field(f) : w.null();
    w.end_row();
  }
  w.flush();
  return out;
}

using Texts = std::vector<std::vector<std::string>>;

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(write({{"a", "b c", "1.5"}}), "a,b c,1.5\r\n");
  EXPECT_EQ(write({{"a,b", "say \"hi\"", "two\nlines", "cr\rx"}}),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\"\r\n");
}

TEST(CsvWriter, NullIsEmptyAndEmptyStringIsQuoted) {
  EXPECT_EQ(write({{"a", nullptr, "", "b"}}), "a,,\"\",b\r\n");
  EXPECT_EQ(write({{nullptr, nullptr}}), ",\r\n");
}

TEST(CsvWriter, PlainAndFlushThroughSink) {
  std::string out;
  int calls = 0;
  Writer w([&](std::string_view s) {
    out += s;
    ++calls;
  });
  for (int i = 0; i < 20000; ++i) {
    w.plain(std::to_string(i));
    w.field("x");
    w.end_row();
  }
  EXPECT_GT(calls, 1);  // flushed as it went
  w.flush();
  EXPECT_EQ(out.substr(0, 10), "0,x\r\n1,x\r\n");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 20000);
}

TEST(CsvReader, PlainRecordsWithCrlfLfAndCr) {
  EXPECT_EQ(texts(read_all("a,b\r\nc,d\r\n")), (Texts{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(texts(read_all("a,b\nc,d")), (Texts{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(texts(read_all("a,b\rc,d\r")), (Texts{{"a", "b"}, {"c", "d"}}));
}

TEST(CsvReader, QuotedFieldsKeepSeparatorsQuotesAndNewlines) {
  auto rows = read_all("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(texts(rows)[0], (std::vector<std::string>{"a,b", "say \"hi\"", "two\r\nlines", ""}));
  EXPECT_TRUE(rows[0][3].quoted);
  EXPECT_FALSE(rows[0][3].is_null());
}

TEST(CsvReader, EmptyUnquotedFieldIsNull) {
  auto rows = read_all("a,,\"\",\r\n");
  ASSERT_EQ(rows[0].size(), 4u);
  EXPECT_FALSE(rows[0][0].is_null());
  EXPECT_TRUE(rows[0][1].is_null());
  EXPECT_FALSE(rows[0][2].is_null());
  EXPECT_TRUE(rows[0][3].is_null());
}

TEST(CsvReader, BlankLinesAndByteOrderMarkAreSkipped) {
  EXPECT_EQ(texts(read_all("\xEF\xBB\xBF"
                           "a,b\r\n\r\n\nc,d\n\n")),
            (Texts{{"a", "b"}, {"c", "d"}}));
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\r\n\n").empty());
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
}

TEST(CsvReader, LineNumbersCountNewlinesInsideQuotes) {
  Reader r("t.csv", from_string("h1,h2\n\"x\ny\nz\",1\n\nlast,2\n"));
  Row row;
  ASSERT_TRUE(r.next(row));
  EXPECT_EQ(r.line(), 1);
  ASSERT_TRUE(r.next(row));
  EXPECT_EQ(r.line(), 2);
  ASSERT_TRUE(r.next(row));
  EXPECT_EQ(r.line(), 6);
  EXPECT_FALSE(r.next(row));
}

TEST(CsvReader, ErrorsNameFileAndLine) {
  EXPECT_EQ(error_of("a,b\n\"open,x\nmore\n"), "t.csv:2: unterminated quoted field");
  EXPECT_EQ(
      error_of("a,b\nx\"y,z\n"),
      "t.csv:2: quote in an unquoted field (quote the whole field and write a quote as \"\")");
  EXPECT_EQ(error_of("a,b\n\"x\"y,z\n"),
            "t.csv:2: text after a closing quote (a quote inside a quoted field is written \"\")");
  EXPECT_EQ(error_of(std::string("a,b\nx\0y,z\n", 10)),
            "t.csv:2: NUL byte in the input (is this a text file?)");
  EXPECT_EQ(error_of("a,b\ncaf\xE9,z\n"), "t.csv:2: invalid UTF-8 (the file must be UTF-8 text)");
}

TEST(CsvReader, Utf8IsChecked) {
  EXPECT_EQ(texts(read_all("caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80\n"))[0][2],
            "\xF0\x9F\x98\x80");
  for (const char* bad :
       {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC3", "\x80", "\xFF"})
    EXPECT_NE(error_of(std::string(bad) + "\n").find("invalid UTF-8"), std::string::npos) << bad;
}

TEST(CsvRoundTrip, AnyFieldsSurviveAnyChunking) {
  std::mt19937 rng(42);
  const std::string alphabet = std::string("ab ,\"\r\n\xC3\xA9") + "1.";
  for (int round = 0; round < 300; ++round) {
    std::vector<std::vector<std::string>> want;
    std::vector<std::vector<bool>> nulls;
    std::string out;
    Writer w([&](std::string_view s) { out += s; });
    int nrows = 1 + static_cast<int>(rng() % 5), ncols = 2 + static_cast<int>(rng() % 4);
    for (int r = 0; r < nrows; ++r) {
      want.emplace_back();
      nulls.emplace_back();
      for (int c = 0; c < ncols; ++c) {
        std::string f;
        bool null = rng() % 5 == 0;
        for (int n = null ? 0 : static_cast<int>(rng() % 6); n > 0; --n) {
          std::size_t k = rng() % (alphabet.size() - 1);
          if (alphabet[k] == '\xC3')
            f += "\xC3\xA9";
          else if (alphabet[k] != '\xA9')
            f += alphabet[k];
        }
        null ? w.null() : w.field(f);
        want.back().push_back(f);
        nulls.back().push_back(null);
      }
      w.end_row();
    }
    w.flush();
    auto rows = read_all(out, 1 + rng() % 7);
    ASSERT_EQ(texts(rows), want) << out;
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c) EXPECT_EQ(rows[r][c].is_null(), nulls[r][c]);
  }
}

// Random bytes never crash the reader or loop: each input either parses or
// throws one Error naming the file and a line.
TEST(CsvReader, MalformedInputFailsCleanly) {
  std::mt19937 rng(7);
  const char pieces[] = {'a', ',', '"', '\r', '\n', '\0', '\xC3', '\xA9', '\xFF', ' '};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 24); n > 0; --n) text += pieces[rng() % sizeof pieces];
    try {
      auto rows = read_all(text, 1 + rng() % 5);
      for (const auto& r : rows) EXPECT_FALSE(r.empty());
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("t.csv:", 0), 0u) << e.what();
    }
  }
}

TEST(CsvReader, OverlongRecordIsRefused) {
  std::string huge = "\"" + std::string(Reader::kMaxRecordBytes + 1, 'x');
  EXPECT_EQ(error_of(huge), "t.csv:1: record longer than 64 MiB (an unterminated quoted field?)");
}

}  // namespace
}  // namespace fluxacct::csv
