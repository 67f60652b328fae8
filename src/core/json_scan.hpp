// A strict, fast scanner for the JSON of job records: one JSON object per
// line (JSON lines), and R and jobspec documents. It validates against
// RFC 8259 in one pass, reports the top-level members as spans of the
// original text (so nested values are stored verbatim, never re-printed),
// and can at the same time copy out a pruned document: only the members a
// parser will read (a jobspec's attributes.system, R's execution.R_lite),
// so that the parser does not build a tree of the rest (the environment,
// the scheduling graph), which costs more than everything else together.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fluxacct::json {

enum class Type { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull };

struct Member {
  std::string_view key;  // the key's text between its quotes, escapes not decoded
  bool key_has_escapes = false;
  std::string_view value;  // the value's text; strings keep their quotes
  Type type = Type::kNull;
  bool pruned = false;  // its pruned copy was written (see PruneTarget)
};

// A member to keep when pruning an object: its key and, for an object
// value, the members to keep inside it (none listed: the whole value).
// Kept members stay in their original order, repeated keys included, so a
// parser reading the pruned text sees what it would see in the whole one.
struct Keep {
  std::string_view key;
  std::span<const Keep> inside = {};
};

// A top-level member whose object value is also copied, pruned, to `out`.
struct PruneTarget {
  std::string_view key;
  std::span<const Keep> keep;
  std::string* out;
};

// Checks that `text` is exactly one JSON object (whitespace around it is
// allowed) and puts its top-level members, in order, into `members`
// (cleared first). A member named by a target whose value is an object also
// has its pruned copy written to the target's `out` (replaced, so the last
// of repeated keys wins) and `pruned` set. On failure returns false and sets
// `error` to a short reason with the byte offset ("expected ':' at byte 17").
// UTF-8 is not checked here: check the whole text first (is_valid_utf8).
bool scan_object(std::string_view text, std::vector<Member>& members, std::string& error,
                 std::span<const PruneTarget> targets = {});

// True when `text` is exactly one JSON value of any type.
bool is_valid(std::string_view text);

enum class Shape { kObject, kNotObject, kInvalid };

// Validates `text` and, when it is an object, writes its pruned copy to
// `out` (appended). kNotObject: valid JSON of another type; kInvalid: not
// JSON.
Shape prune_object(std::string_view text, std::span<const Keep> keep, std::string& out);

// Decodes a JSON string token (with its quotes, already validated) into
// UTF-8. Returns false for an unpaired surrogate escape (\ud800), which has
// no UTF-8 form.
bool decode_string(std::string_view token, std::string& out);

}  // namespace fluxacct::json
