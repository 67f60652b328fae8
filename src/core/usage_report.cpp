#include "core/usage_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace fluxacct {
namespace {

// Python's "{:<Ns}": pads to N code points, never truncates.
std::string pad_right(std::string_view s, std::size_t width) {
  const std::size_t len = utf8_length(s);
  std::string out(s);
  if (len < width) out.append(width - len, ' ');
  return out;
}

std::string format_line(const ReportRow& row, double divisor) {
  std::string line = pad_right(row.key, 24);
  for (double v : row.usage) line += fmt::format(" {:>14.2f}", v / divisor);
  return line;
}

}  // namespace

ReportType parse_report_type(std::string_view text) {
  if (text == "byassociation") return ReportType::kAssociation;
  if (text == "bybank") return ReportType::kBank;
  if (text == "byuser") return ReportType::kUser;
  throw Error(
      fmt::format("invalid report type: '{}' (choose from bybank, byuser, byassociation)", text));
}

TimeUnit parse_time_unit(std::string_view text) {
  if (text == "sec") return TimeUnit::kSec;
  if (text == "min") return TimeUnit::kMin;
  if (text == "hour") return TimeUnit::kHour;
  throw Error(fmt::format("invalid time unit: '{}' (choose from hour, min, sec)", text));
}

std::string_view report_type_name(ReportType t) {
  switch (t) {
    case ReportType::kBank:
      return "bank";
    case ReportType::kUser:
      return "user";
    case ReportType::kAssociation:
      break;
  }
  return "association";
}

std::string_view time_unit_name(TimeUnit u) {
  switch (u) {
    case TimeUnit::kMin:
      return "min";
    case TimeUnit::kHour:
      return "hour";
    case TimeUnit::kSec:
      break;
  }
  return "sec";
}

double seconds_per(TimeUnit u) {
  switch (u) {
    case TimeUnit::kMin:
      return 60;
    case TimeUnit::kHour:
      return 3600;
    case TimeUnit::kSec:
      break;
  }
  return 1;
}

std::vector<std::int64_t> parse_size_bins(std::string_view text) {
  if (text.empty()) return {0};
  if (!std::isdigit(static_cast<unsigned char>(text.front()))) return kDefaultSizeBins;
  std::vector<std::int64_t> bins;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const auto item = text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    const bool digits =
        !item.empty() && item.size() <= 18 &&
        std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
      throw Error(
          fmt::format("invalid job size bin '{}' in '{}': expected non-negative integers "
                      "separated by commas",
                      item, text));
    bins.push_back(std::stoll(std::string(item)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::sort(bins.begin(), bins.end());
  bins.erase(std::unique(bins.begin(), bins.end()), bins.end());
  return bins;
}

UsageReport::UsageReport(ReportType type, std::vector<std::int64_t> bins)
    : type_(type), bins_(std::move(bins)) {
  if (bins_.empty()) bins_ = {0};
  total_.key = "TOTAL";
  total_.usage.assign(bins_.size(), 0.0);
}

void UsageReport::add(const ReportJob& job) {
  // The largest bin the job reaches; none when it is smaller than them all.
  auto it = std::upper_bound(bins_.begin(), bins_.end(), job.nnodes);
  if (it == bins_.begin()) return;
  const auto bin = static_cast<std::size_t>(it - bins_.begin() - 1);
  const double usage = static_cast<double>(job.nnodes) * (job.t_inactive - job.t_run);

  std::string key;
  switch (type_) {
    case ReportType::kAssociation:
      key = fmt::format("{}:{}", job.bank, job.username);
      break;
    case ReportType::kBank:
      key = job.bank;
      break;
    case ReportType::kUser:
      key = job.username;
      break;
  }
  auto [pos, added] = index_.try_emplace(key, rows_.size());
  if (added) {
    ReportRow row;
    row.key = std::move(key);
    if (type_ != ReportType::kBank) row.username = job.username;
    if (type_ != ReportType::kUser) row.bank = job.bank;
    row.usage.assign(bins_.size(), 0.0);
    rows_.push_back(std::move(row));
  }
  ReportRow& row = rows_[pos->second];
  row.usage[bin] += usage;
  row.total += usage;
  total_.usage[bin] += usage;
  total_.total += usage;
}

std::vector<ReportRow> UsageReport::rows() const {
  std::vector<ReportRow> out = rows_;
  std::stable_sort(out.begin(), out.end(),
                   [](const ReportRow& a, const ReportRow& b) { return a.total > b.total; });
  return out;
}

std::string format_usage_report(const UsageReport& report, TimeUnit unit) {
  const std::string label =
      fmt::format("{}(node{})", report_type_name(report.type()), time_unit_name(unit));
  std::string out;
  if (report.bins().size() < 2) {
    out = pad_right(label, 26) + "        total\n";
  } else {
    out = pad_right(label, 24);
    for (auto b : report.bins()) out += fmt::format(" {:>13d}+", b);
    out += '\n';
  }
  const double divisor = seconds_per(unit);
  for (const auto& row : report.rows()) out += format_line(row, divisor) + '\n';
  out += format_line(report.total(), divisor) + '\n';
  return out;
}

}  // namespace fluxacct
