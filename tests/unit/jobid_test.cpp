#include "core/jobid.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/jobid_tables.hpp"

namespace fluxacct {
namespace {

constexpr JobIdForm kAllForms[] = {
    JobIdForm::Dec,   JobIdForm::Hex, JobIdForm::DotHex,   JobIdForm::Kvs,      JobIdForm::Words,
    JobIdForm::Emoji, JobIdForm::F58, JobIdForm::F58Ascii, JobIdForm::F58Plain,
};

struct Known {
  uint64_t id;
  const char* dec;
  const char* hex;
  const char* dothex;
  const char* kvs;
  const char* words;
  const char* emoji;
  const char* f58;
};

// Pairs from flux-core's own job ID tests and RFC 19.
const Known kKnown[] = {
    {0, "0", "0x0", "0000.0000.0000.0000", "job.0000.0000.0000.0000",
     "academy-academy-academy--academy-academy-academy", "😃", "ƒ1"},
    {1, "1", "0x1", "0000.0000.0000.0001", "job.0000.0000.0000.0001",
     "acrobat-academy-academy--academy-academy-academy", "😄", "ƒ2"},
    {65535, "65535", "0xffff", "0000.0000.0000.ffff", "job.0000.0000.0000.ffff",
     "nevada-archive-academy--academy-academy-academy", "💁📚", "ƒLUv"},
    {6787342413402046, "6787342413402046", "0x181d0d4d850fbe", "0018.1d0d.4d85.0fbe",
     "job.0018.1d0d.4d85.0fbe", "cake-plume-nepal--neuron-pencil-academy", "👴😱🔚🎮🕙🚩", "ƒuzzybunny"},
    {18446744073709551614u, "18446744073709551614", "0xfffffffffffffffe", "ffff.ffff.ffff.fffe",
     "job.ffff.ffff.ffff.fffe", "mustang-analyze-verbal--natural-analyze-verbal", "🚹💗💧👗😷📷📙",
     "ƒjpXCZedGfVP"},
    {18446744073709551615u, "18446744073709551615", "0xffffffffffffffff", "ffff.ffff.ffff.ffff",
     "job.ffff.ffff.ffff.ffff", "natural-analyze-verbal--natural-analyze-verbal", nullptr,
     "ƒjpXCZedGfVQ"},
};

TEST(JobId, KnownPairs) {
  for (const auto& k : kKnown) {
    SCOPED_TRACE(k.dec);
    EXPECT_EQ(format_jobid(k.id, JobIdForm::Dec), k.dec);
    EXPECT_EQ(format_jobid(k.id, JobIdForm::Hex), k.hex);
    EXPECT_EQ(format_jobid(k.id, JobIdForm::DotHex), k.dothex);
    EXPECT_EQ(format_jobid(k.id, JobIdForm::Kvs), k.kvs);
    EXPECT_EQ(format_jobid(k.id, JobIdForm::Words), k.words);
    if (k.emoji) {
      EXPECT_EQ(format_jobid(k.id, JobIdForm::Emoji), k.emoji);
    }
    EXPECT_EQ(format_jobid(k.id, JobIdForm::F58), k.f58);
    for (const char* text : {k.dec, k.hex, k.dothex, k.kvs, k.words, k.emoji, k.f58}) {
      if (text) {
        EXPECT_EQ(parse_jobid(text), k.id) << text;
      }
    }
  }
}

TEST(JobId, RfcExample) {
  EXPECT_EQ(format_jobid(6731191091817518, JobIdForm::F58), "ƒuZZybuNNy");
  EXPECT_EQ(parse_jobid("ƒuZZybuNNy"), 6731191091817518u);
  // RFC 19's other examples name the same kinds of IDs in several forms.
  EXPECT_EQ(parse_jobid("0x17e9fb8df16c2e"), parse_jobid("0017.e9fb.8df1.6c2e"));
  EXPECT_EQ(parse_jobid("0xedaf97d000000"), parse_jobid("000e.daf9.7d00.0000"));
  for (const char* example :
       {"ƒZemgA8Bzf", "ƒ278oEf7zGf", "reform-remote-galileo--heart-package-academy",
        "random-idea-yoyo--sugar-printer-academy", "🚹💂🙌😳💱🏃", "😄😹🎇📥🏧🙉🔞", "🚹💂🈳💰🎩🏃"})
    EXPECT_NO_THROW(parse_jobid(example)) << example;
}

TEST(JobId, AsciiAndPlainF58) {
  EXPECT_EQ(format_jobid(6787342413402046, JobIdForm::F58Ascii), "fuzzybunny");
  EXPECT_EQ(format_jobid(6787342413402046, JobIdForm::F58Plain), "uzzybunny");
  EXPECT_EQ(parse_jobid("fuzzybunny"), 6787342413402046u);
  EXPECT_EQ(parse_jobid("uzzybunny"), 6787342413402046u);
  EXPECT_EQ(parse_jobid("LUv"), 65535u);
  EXPECT_EQ(parse_jobid("fjpXCZedGfVQ"), UINT64_MAX);
  // All digits is decimal, as in Flux.
  EXPECT_EQ(parse_jobid("12"), 12u);
}

TEST(JobId, Whitespace) {
  EXPECT_EQ(parse_jobid("  1234  "), 1234u);
  EXPECT_EQ(parse_jobid("\tƒ2\n"), 1u);
}

TEST(JobId, Lenient) {
  EXPECT_EQ(parse_jobid("0xFFFF"), 65535u);
  EXPECT_EQ(parse_jobid("0000.0000.0000.FFFF"), 65535u);
  EXPECT_EQ(parse_jobid("0.0.0.1"), 1u);
  EXPECT_EQ(parse_jobid("Nevada-ARCHIVE-academy--academy-academy-academy"), 65535u);
  EXPECT_EQ(parse_jobid("nevada-archive-academy-academy-academy-academy"), 65535u);
  EXPECT_EQ(parse_jobid("ƒ11"), 0u);
  EXPECT_EQ(parse_jobid("😃😄"), 1u);
  EXPECT_EQ(parse_jobid("😃😃😃😃😃😃😃😃"), 0u);
}

TEST(JobId, RoundTrips) {
  std::mt19937_64 rng(42);
  std::vector<uint64_t> ids = {0,
                               1,
                               57,
                               58,
                               575,
                               576,
                               1625,
                               1626,
                               0xFFFFFFFF,
                               0x100000000,
                               UINT64_MAX,
                               UINT64_MAX - 1,
                               uint64_t{1} << 63};
  for (int i = 0; i < 64; ++i) ids.push_back(uint64_t{1} << i);
  for (int i = 0; i < 5000; ++i) ids.push_back(rng() >> (rng() % 64));
  for (uint64_t id : ids) {
    for (JobIdForm form : kAllForms) {
      std::string text = format_jobid(id, form);
      if (form == JobIdForm::F58Plain &&
          (text.front() == 'f' || text.find_first_not_of("0123456789") == text.npos))
        continue;  // read as f58 / decimal, by RFC 19's rules
      ASSERT_EQ(parse_jobid(text), id) << text;
    }
  }
}

void expect_invalid(const std::string& text) {
  try {
    parse_jobid(text);
    ADD_FAILURE() << "accepted '" << text << "'";
  } catch (const Error& e) {
    if (text.find('\0') == text.npos) {
      EXPECT_EQ(e.what(), "invalid job ID: '" + text + "'");
    }
  }
}

TEST(JobId, Rejects) {
  for (const char* bad :
       {"", " ", "-1", "+1", "1.5", "18446744073709551616", "99999999999999999999999", "0x",
        "0x10000000000000000", "0xg", "0X1", "0000.0000.0000", "0000.0000.0000.0000.0000",
        "00000.0000.0000.0000", "0000..0000.0000", "job.", "job.0000.0000.0000",
        "job.active.0000.0000.0000.0000", "jobs.0000.0000.0000.0000",
        "academy-academy-academy--academy-academy",
        "academy-academy-academy--academy-academy-academy-academy",
        "academy-academy-academy--academy-academy-nosuchword",
        "-academy-academy-academy--academy-academy-academy",
        "academy-academy-academy--academy-academy-academy-",
        "yes-academy-academy--academy-academy-academy",
        // the third word's largest values overflow 32 bits
        "academy-academy-amen--academy-academy-academy",
        "zero-analyze-verbal--natural-analyze-verbal", "f", "ƒ", "ƒ0", "fO", "f1 2", "ƒjpXCZedGfVR",
        "\xF0\x9F", "\xF0\x9F\x98", "\xF0\x9F\x98\x80", "😃x", "😄😄😄😄😄😄😄😄", "🚹💗💧👗😷📷🎌", "0OIl",
        "hello world", "\xC6"}) {
    expect_invalid(bad);
  }
  expect_invalid(
      std::string("1\0"
                  "2",
                  3));
}

TEST(JobId, FormNames) {
  EXPECT_EQ(jobid_form_from_name("dec"), JobIdForm::Dec);
  EXPECT_EQ(jobid_form_from_name("f58plain"), JobIdForm::F58Plain);
  EXPECT_EQ(jobid_form_from_name("emoji"), JobIdForm::Emoji);
  EXPECT_FALSE(jobid_form_from_name("F58"));
  EXPECT_FALSE(jobid_form_from_name(""));
}

TEST(JobIdTables, Shapes) {
  std::set<std::string_view> words(jobid_tables::kWords.begin(), jobid_tables::kWords.end());
  EXPECT_EQ(words.size(), jobid_tables::kWordCount);
  EXPECT_EQ(jobid_tables::kWords.front(), "academy");
  EXPECT_EQ(jobid_tables::kWords.back(), "amen");
  std::set<char32_t> emoji(jobid_tables::kEmoji.begin(), jobid_tables::kEmoji.end());
  EXPECT_EQ(emoji.size(), jobid_tables::kEmojiCount);
  for (char32_t cp : emoji)
    EXPECT_TRUE(cp >= 0x1F000 && cp <= 0x1FFFF) << static_cast<uint32_t>(cp);
  EXPECT_EQ(jobid_tables::kEmoji.front(), 0x1F603u);
  EXPECT_EQ(jobid_tables::kEmoji.back(), 0x1F38Cu);
}

}  // namespace
}  // namespace fluxacct
