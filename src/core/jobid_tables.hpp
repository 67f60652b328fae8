// Data tables of the job ID encodings (internal to jobid.cpp and its tests).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace fluxacct::jobid_tables {

inline constexpr size_t kWordCount = 1626;  // mnemonicode's base: 1626^3 > 2^32
inline constexpr size_t kEmojiCount = 576;

extern const std::array<std::string_view, kWordCount> kWords;  // jobid_words.cpp
extern const std::array<char32_t, kEmojiCount> kEmoji;         // jobid_emoji.cpp

}  // namespace fluxacct::jobid_tables
