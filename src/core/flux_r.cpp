#include "core/flux_r.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "core/checked_count.hpp"
#include "core/error.hpp"

namespace fluxacct {
namespace {

Error bad_idset(std::string_view text) {
  // Quote at most a screenful of a hostile idset.
  constexpr size_t kMaxQuoted = 64;
  std::string shown(text.substr(0, kMaxQuoted));
  if (text.size() > kMaxQuoted) shown += "...";
  return Error("invalid idset '" + shown + "'");
}

// Parses one decimal id from the whole of `digits`.
bool parse_id(std::string_view digits, uint32_t& out) {
  if (digits.empty()) return false;
  uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > kIdsetMaxId) return false;
  }
  out = static_cast<uint32_t>(v);
  return true;
}

int64_t checked_mul(int64_t a, int64_t b) { return checked_count_mul(a, b, "R"); }
int64_t checked_add(int64_t a, int64_t b) { return checked_count_add(a, b, "R"); }

int64_t count_ranges(const std::vector<IdRange>& ranges) {
  int64_t n = 0;
  for (const auto& r : ranges) n += int64_t{r.last} - int64_t{r.first} + 1;
  return n;  // at most kIdsetMaxId + 1 ids: cannot overflow
}

// Sorts ranges and merges the ones that overlap or touch.
std::vector<IdRange> normalize(std::vector<IdRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const IdRange& a, const IdRange& b) { return a.first < b.first; });
  std::vector<IdRange> out;
  for (const auto& r : ranges) {
    if (!out.empty() && uint64_t{r.first} <= uint64_t{out.back().last} + 1)
      out.back().last = std::max(out.back().last, r.last);
    else
      out.push_back(r);
  }
  return out;
}

// The idset string at `key` of a JSON object, or "" when absent.
std::string_view idset_member(const nlohmann::json& obj, const char* key, const char* what) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (!it->is_string()) throw Error(std::string("R_lite ") + what + " is not a string");
  return it->get_ref<const std::string&>();
}

}  // namespace

std::vector<IdRange> parse_idset(std::string_view text) {
  std::string_view body = text;
  if (!body.empty() && body.front() == '[') {
    if (body.size() < 2 || body.back() != ']') throw bad_idset(text);
    body = body.substr(1, body.size() - 2);
  }
  std::vector<IdRange> ranges;
  if (body.empty()) return ranges;
  size_t pos = 0;
  while (true) {
    size_t comma = body.find(',', pos);
    std::string_view item =
        body.substr(pos, comma == std::string_view::npos ? body.npos : comma - pos);
    IdRange r{};
    size_t dash = item.find('-');
    if (dash == std::string_view::npos) {
      if (!parse_id(item, r.first)) throw bad_idset(text);
      r.last = r.first;
    } else {
      if (!parse_id(item.substr(0, dash), r.first) || !parse_id(item.substr(dash + 1), r.last) ||
          r.first > r.last)
        throw bad_idset(text);
    }
    ranges.push_back(r);
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return normalize(std::move(ranges));
}

int64_t idset_count(std::string_view text) { return count_ranges(parse_idset(text)); }

namespace {

// The counts of R_lite entries, added one entry at a time.
class Tally {
 public:
  void add(std::string_view rank, std::string_view core, std::string_view gpu) {
    std::vector<IdRange> ranks = parse_idset(rank);
    const int64_t nranks = count_ranges(ranks);
    const int64_t ncores = idset_count(core);
    const int64_t ngpus = idset_count(gpu);
    counts_.ncores = checked_add(counts_.ncores, checked_mul(ncores, nranks));
    counts_.ngpus = checked_add(counts_.ngpus, checked_mul(ngpus, nranks));
    all_ranks_.insert(all_ranks_.end(), ranks.begin(), ranks.end());
    // Keep the rank list short when many entries name the same ranks; merge
    // again only once it has doubled, so many distinct ranks stay O(n log n).
    if (all_ranks_.size() > merge_at_) {
      all_ranks_ = normalize(std::move(all_ranks_));
      merge_at_ = std::max(merge_at_, 2 * all_ranks_.size());
    }
  }
  ResourceCounts finish() {
    counts_.nnodes = count_ranges(normalize(std::move(all_ranks_)));
    return counts_;
  }

 private:
  ResourceCounts counts_;
  std::vector<IdRange> all_ranks_;
  size_t merge_at_ = 1024;
};

// A reader of the JSON that R is pruned to (RCounter, fetch-job-records):
// objects, arrays, strings without escapes or bytes outside ASCII, the
// number 1 as version, and only the members count_R reads, each once. It
// reads R_lite's entries without building a document. Outside that subset
// it gives up, and nlohmann's parser decides: the counts, or the error, are
// the same either way.
class PrunedR {
 public:
  struct Entry {
    std::string_view rank, core, gpu;
  };

  explicit PrunedR(std::string_view text) : s_(text) {}

  // The entries of R_lite, or false when the text is outside the subset or
  // lacks something count_R needs (nlohmann's path then names it).
  bool read(std::vector<Entry>& entries) {
    bool version = false, execution = false;
    const bool read = object([&](std::string_view key) {
      if (key == "version") return once(version) && one();
      if (key == "execution") return once(execution) && read_execution(entries);
      return false;
    });
    skip_ws();
    return read && i_ == s_.size() && version && execution;
  }

 private:
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r'))
      ++i_;
  }
  bool next(char c) {
    skip_ws();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  // Marks a member seen; false the second time (a key twice is left to
  // nlohmann, whose document keeps one of them).
  static bool once(bool& seen) { return !std::exchange(seen, true); }

  // An object whose members `value(key)` reads, each value in turn; false
  // at the first member it refuses. An empty object is left to nlohmann (it
  // lacks what count_R needs).
  template <class ReadValue>
  bool object(ReadValue&& value) {
    if (!next('{')) return false;
    do {
      std::string_view key;
      if (!string(key) || !next(':') || !value(key)) return false;
    } while (next(','));
    return next('}');
  }

  bool string(std::string_view& out) {
    if (!next('"')) return false;
    const size_t start = i_;
    for (; i_ < s_.size(); ++i_) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        out = s_.substr(start, i_ - start);
        ++i_;
        return true;
      }
      if (c == '\\' || c < 0x20 || c >= 0x80) return false;
    }
    return false;
  }

  // The version: the integer 1, nothing else.
  bool one() {
    skip_ws();
    if (i_ >= s_.size() || s_[i_] != '1') return false;
    ++i_;
    return i_ >= s_.size() || s_[i_] == ',' || s_[i_] == '}' || s_[i_] == ' ' || s_[i_] == '\n' ||
           s_[i_] == '\t' || s_[i_] == '\r';
  }

  bool read_execution(std::vector<Entry>& entries) {
    bool lite = false;
    return object(
        [&](std::string_view key) { return key == "R_lite" && once(lite) && read_lite(entries); });
  }

  bool read_lite(std::vector<Entry>& entries) {
    if (!next('[')) return false;
    if (next(']')) return true;  // no entries: nothing counted
    do {
      Entry e;
      bool rank = false, children = false;
      const bool read = object([&](std::string_view key) {
        if (key == "rank") return once(rank) && string(e.rank);
        if (key == "children") return once(children) && read_children(e);
        return false;
      });
      if (!read || !rank || !children) return false;
      entries.push_back(e);
    } while (next(','));
    return next(']');
  }

  bool read_children(Entry& e) {
    bool core = false, gpu = false;
    return object([&](std::string_view key) {
      if (key == "core") return once(core) && string(e.core);
      if (key == "gpu") return once(gpu) && string(e.gpu);
      return false;
    });
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

ResourceCounts count_R(const nlohmann::json& R) {
  if (!R.is_object()) throw Error("R is not a JSON object");
  auto version = R.find("version");
  if (version == R.end() || !version->is_number_integer() || *version != 1)
    throw Error("R version is not 1");
  auto execution = R.find("execution");
  if (execution == R.end() || !execution->is_object()) throw Error("R has no execution");
  auto lite = execution->find("R_lite");
  if (lite == execution->end() || !lite->is_array()) throw Error("R has no execution.R_lite");

  Tally tally;
  for (const auto& entry : *lite) {
    if (!entry.is_object()) throw Error("R_lite entry is not an object");
    auto rank = entry.find("rank");
    if (rank == entry.end() || !rank->is_string()) throw Error("R_lite entry has no rank");
    auto children = entry.find("children");
    if (children == entry.end() || !children->is_object())
      throw Error("R_lite entry has no children");
    tally.add(rank->get_ref<const std::string&>(), idset_member(*children, "core", "core"),
              idset_member(*children, "gpu", "gpu"));
  }
  return tally.finish();
}

ResourceCounts count_R(std::string_view json_text) {
  // R as fetch-job-records and update-usage prune it is read directly; any
  // other text goes through nlohmann's parser.
  thread_local std::vector<PrunedR::Entry> entries;
  entries.clear();
  if (PrunedR(json_text).read(entries)) {
    Tally tally;
    for (const auto& e : entries) tally.add(e.rank, e.core, e.gpu);
    return tally.finish();
  }
  nlohmann::json R = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (R.is_discarded()) throw Error("R is not valid JSON");
  return count_R(R);
}

}  // namespace fluxacct
