#include "core/job_line.hpp"

#include "core/utf8.hpp"

namespace fluxacct::jobrec {

Skip JsonLineReader::read(std::string_view line, RawJob& raw, std::string& detail) {
  raw = RawJob{};
  const json::PruneTarget targets[] = {{"R", r_keep(), &pruned_R_},
                                       {"jobspec", jobspec_keep(), &pruned_jobspec_}};
  if (!json::scan_object(line, members_, detail, targets)) return Skip::kMalformedLine;

  static constexpr std::string_view kKeys[] = {"id",         "userid", "t_submit", "t_run",
                                               "t_inactive", "ranks",  "R",        "jobspec"};
  RawField* fields[] = {&raw.id,         &raw.userid, &raw.t_submit, &raw.t_run,
                        &raw.t_inactive, &raw.ranks,  &raw.R,        &raw.jobspec};
  for (const auto& m : members_) {
    std::string_view key = m.key;
    if (m.key_has_escapes) {  // "\u0069d" is "id"
      const std::size_t at = static_cast<std::size_t>(m.key.data() - line.data()) - 1;
      if (!json::decode_string(line.substr(at, m.key.size() + 2), key_)) continue;
      key = key_;
    }
    std::size_t k = 0;
    while (k < std::size(kKeys) && kKeys[k] != key) ++k;
    if (k == std::size(kKeys)) continue;
    RawField& f = *fields[k];  // a repeated key: the last one counts
    switch (m.type) {
      case json::Type::kNull:
        f = RawField::null();
        break;
      case json::Type::kNumber:
        f = RawField::number_of(m.value);
        break;
      case json::Type::kString: {
        // Strings without escapes are used in place, the rest decoded.
        std::string_view body = m.value.substr(1, m.value.size() - 2);
        if (body.find('\\') == std::string_view::npos) {
          f = RawField::text_of(body);
        } else {
          if (!json::decode_string(m.value, decoded_[k])) {
            detail = "a string with an unpaired surrogate escape";
            return Skip::kNotUtf8;
          }
          f = RawField::text_of(decoded_[k]);
        }
        break;
      }
      default:
        f = RawField::json_of(m.value);
        if (m.pruned) f.pruned = &f == &raw.R ? pruned_R_ : pruned_jobspec_;
        break;
    }
  }
  // Checked after the fields are found, so that the message can name the job.
  if (!is_valid_utf8(line)) {
    detail = "the line is not UTF-8";
    return Skip::kNotUtf8;
  }
  return Skip::kNone;
}

}  // namespace fluxacct::jobrec
