#include "core/flux_r.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

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

ResourceCounts count_R(const nlohmann::json& R) {
  if (!R.is_object()) throw Error("R is not a JSON object");
  auto version = R.find("version");
  if (version == R.end() || !version->is_number_integer() || *version != 1)
    throw Error("R version is not 1");
  auto execution = R.find("execution");
  if (execution == R.end() || !execution->is_object()) throw Error("R has no execution");
  auto lite = execution->find("R_lite");
  if (lite == execution->end() || !lite->is_array()) throw Error("R has no execution.R_lite");

  ResourceCounts counts;
  std::vector<IdRange> all_ranks;
  size_t merge_at = 1024;
  for (const auto& entry : *lite) {
    if (!entry.is_object()) throw Error("R_lite entry is not an object");
    auto rank = entry.find("rank");
    if (rank == entry.end() || !rank->is_string()) throw Error("R_lite entry has no rank");
    auto children = entry.find("children");
    if (children == entry.end() || !children->is_object())
      throw Error("R_lite entry has no children");
    std::vector<IdRange> ranks = parse_idset(rank->get_ref<const std::string&>());
    int64_t nranks = count_ranges(ranks);
    int64_t ncores = idset_count(idset_member(*children, "core", "core"));
    int64_t ngpus = idset_count(idset_member(*children, "gpu", "gpu"));
    counts.ncores = checked_add(counts.ncores, checked_mul(ncores, nranks));
    counts.ngpus = checked_add(counts.ngpus, checked_mul(ngpus, nranks));
    all_ranks.insert(all_ranks.end(), ranks.begin(), ranks.end());
    // Keep the rank list short when many entries name the same ranks; merge
    // again only once it has doubled, so many distinct ranks stay O(n log n).
    if (all_ranks.size() > merge_at) {
      all_ranks = normalize(std::move(all_ranks));
      merge_at = std::max(merge_at, 2 * all_ranks.size());
    }
  }
  counts.nnodes = count_ranges(normalize(std::move(all_ranks)));
  return counts;
}

ResourceCounts count_R(std::string_view json_text) {
  nlohmann::json R = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (R.is_discarded()) throw Error("R is not valid JSON");
  return count_R(R);
}

}  // namespace fluxacct
