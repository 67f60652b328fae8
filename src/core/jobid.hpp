// Flux job IDs (FLUIDs, RFC 19) in every textual form Flux prints or reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fluxacct {

enum class JobIdForm {
  Dec,       // 6787342413402046
  Hex,       // 0x181d0d4d850fbe
  DotHex,    // 0018.1d0d.4d85.0fbe
  Kvs,       // job.0018.1d0d.4d85.0fbe
  Words,     // cake-plume-nepal--neuron-pencil-academy (mnemonicode, low 32 bits first)
  Emoji,     // 👴😱🔚🎮🕙🚩 (base 576, RFC 19's emoji table)
  F58,       // ƒuzzybunny (base58 with the U+0192 prefix)
  F58Ascii,  // fuzzybunny (what Flux prints when it must stay ASCII)
  F58Plain,  // uzzybunny
};

// Reads a job ID in any form, ignoring leading and trailing whitespace, with
// RFC 19's rules: contains '.' -> dothex (or kvs with "job."); contains '-'
// -> words; starts with "ƒ" or "f" -> f58; starts with bytes F0 9F -> emoji;
// "0x" -> hex; digits -> decimal. Beyond the RFC, any other text made only of
// base58 letters is read as f58plain (so f58plain text that is all digits or
// starts with 'f' reads as decimal or f58, as Flux would read it). Hex digits
// and words are case-insensitive. Throws Error("invalid job ID: '<text>'").
uint64_t parse_jobid(std::string_view text);

// Writes `id` in `form`.
std::string format_jobid(uint64_t id, JobIdForm form);

// The form named by Flux's names for it ("dec", "hex", "dothex", "kvs",
// "words", "emoji", "f58", "f58plain"; also "f58ascii"), as in the
// jobid.<form> output fields; nullopt for other names.
std::optional<JobIdForm> jobid_form_from_name(std::string_view name);

}  // namespace fluxacct
