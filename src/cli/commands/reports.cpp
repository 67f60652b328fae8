// Reports over job records and usage: view-job-records, view-usage-report,
// show-usage.
#include <fmt/format.h>

#include "cli/bar_chart.hpp"
#include "cli/command.hpp"
#include "cli/job_records.hpp"
#include "core/duration_expr.hpp"
#include "core/error.hpp"
#include "core/jobid.hpp"
#include "core/pyformat.hpp"
#include "core/timestamp.hpp"
#include "core/usage_report.hpp"
#include "store/database.hpp"
#include "store/transfer.hpp"
#include "store/usage_ranking.hpp"

namespace fluxacct::cli {
namespace {

constexpr const char* kTimeHelp =
    "accepts seconds since the epoch or a human-readable time (e.g. '01/01/2025', "
    "'2025-01-01 08:00:00', 'Jan 1, 2025 8am', 'yesterday', 'now-7d')";

// ---- view-job-records

void define_view_job_records(Parser& p) {
  p.option({.flags = {"-u", "--user"}, .metavar = "USERNAME", .help = "only jobs of this user"});
  p.option({.flags = {"-j", "--jobid"},
            .metavar = "JOBID",
            .help = "only this job (any job ID form: f58, decimal, hex, dothex, kvs, words)"});
  p.option({.flags = {"-a", "--after-start-time"},
            .metavar = "START TIME",
            .help = std::string("only jobs that started after this time; ") + kTimeHelp});
  p.option({.flags = {"-b", "--before-end-time"},
            .metavar = "END TIME",
            .help = std::string("only jobs that ended before this time; ") + kTimeHelp});
  p.option({.flags = {"--project"}, .metavar = "PROJECT", .help = "only jobs of this project"});
  p.option({.flags = {"-B", "--bank"}, .metavar = "BANK", .help = "only jobs of this bank"});
  p.option({.flags = {"-d", "--requested-duration"},
            .kind = Kind::kList,
            .metavar = "EXPRESSION",
            .help = "compare the requested duration, e.g. -d '< 60' '> 120' (all must hold)"});
  p.option({.flags = {"-e", "--actual-duration"},
            .kind = Kind::kList,
            .metavar = "EXPRESSION",
            .help = "compare the actual duration, e.g. -e '>= 3600'"});
  p.option({.flags = {"-D", "--duration-delta"},
            .kind = Kind::kList,
            .metavar = "EXPRESSION",
            .help = "compare requested minus actual duration, e.g. -D '> 600'"});
  p.option({.flags = {"-o", "--format"},
            .metavar = "FORMAT",
            .help = "a Python format string over the fields jobid, username, userid, t_submit, "
                    "t_run, t_inactive, nnodes, ncores, ngpus, resources, project, bank, "
                    "requested_duration, actual_duration, duration_delta, jobid.dec, jobid.hex, "
                    "jobid.dothex, jobid.kvs, jobid.words, jobid.emoji, jobid.f58, "
                    "jobid.f58plain; 'sort:FIELD,-FIELD ' first sorts, '?:' before a field "
                    "drops it when empty"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print the records as JSON"});
  p.exclusive({"format", "json"});
}

int run_view_job_records(const Args& args, Context& ctx) {
  // Check every filter before opening the database.
  store::JobFilter f;
  if (auto v = args.get("jobid")) f.jobid = parse_jobid(*v);
  if (auto v = args.get("after_start_time")) f.run_after = parse_timestamp(*v, ctx.now);
  if (auto v = args.get("before_end_time")) f.inactive_before = parse_timestamp(*v, ctx.now);
  if (auto v = args.get("project")) f.project = *v;
  if (auto v = args.get("bank")) f.bank = *v;
  f.requested = parse_duration_exprs(args.list("requested_duration"));
  f.actual = parse_duration_exprs(args.list("actual_duration"));
  f.delta = parse_duration_exprs(args.list("duration_delta"));
  // An empty -o means the default table, as upstream treats it.
  auto format = args.get("format");
  if (format && format->empty()) format.reset();
  if (format) check_job_records_format(*format);

  auto db = open_database(ctx.db_path, Access::kRead);
  store::ReadSnapshot snapshot(db);
  if (auto v = args.get("user")) f.userid = resolve_userid(db, *v);
  // A -o format reads R's text or the user names only when it names them.
  JobRecordReader::Needs needs;
  if (format) {
    needs.resources = format->find("resources") != std::string::npos;
    needs.username = format->find("username") != std::string::npos;
  }
  // Sorting is left to SQLite, whose sorter spills to temporary files: a
  // million sorted records need no million in memory.
  std::vector<store::JobOrder> order;
  if (format) order = job_records_order(*format);
  JobRecordReader records(db, f, needs, order);
  if (format)
    render_job_records_format(records, *format, ctx.out);
  else if (args.flag("json"))
    render_job_records_json(records, ctx.out);
  else
    render_job_records_table(records, ctx.out);
  return 0;
}

// ---- view-usage-report

void define_view_usage_report(Parser& p) {
  p.option({.flags = {"-s", "--start"},
            .metavar = "DATE",
            .help = std::string("count jobs that ended at or after this time (default: "
                                "yesterday 00:00); ") +
                    kTimeHelp});
  p.option({.flags = {"-e", "--end"},
            .metavar = "DATE",
            .help = "count jobs that ended before this time (default: today 00:00)"});
  p.option({.flags = {"-u", "--username"},
            .metavar = "USERNAME",
            .help = "only calculate usage for USERNAME"});
  p.option({.flags = {"-b", "--bank"}, .metavar = "BANK", .help = "only calculate usage for BANK"});
  p.option({.flags = {"-r", "--report-type"},
            .metavar = "bybank|byuser|byassociation",
            .help = "what a row sums: a bank, a user or an association (default)",
            .choices = {"bybank", "byuser", "byassociation"}});
  p.option({.flags = {"-t", "--time-unit"},
            .metavar = "hour|min|sec",
            .help = "the unit of node-time (default: sec)",
            .choices = {"hour", "min", "sec"}});
  p.option({.flags = {"-S", "--job-size-bins"},
            .metavar = "NNODES,NNODES,...",
            .help = "split usage by job size in nodes (a non-number asks for "
                    "0,2,8,32,128,512,2048,8192)"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print the report as JSON"});
}

std::string usage_row_json(const ReportRow& row, ReportType type, double divisor, bool is_total) {
  std::string s = "{";
  if (!is_total) {
    s += fmt::format("\"{}\": {}", report_type_name(type), py::json_string(row.key));
    if (type == ReportType::kAssociation)
      s += fmt::format(", \"bank\": {}, \"username\": {}", py::json_string(row.bank),
                       py::json_string(row.username));
    s += ", ";
  }
  s += "\"usage\": [";
  for (std::size_t i = 0; i < row.usage.size(); ++i)
    s += (i ? ", " : "") + py::json(row.usage[i] / divisor);
  s += fmt::format("], \"total\": {}}}", py::json(row.total / divisor));
  return s;
}

int run_view_usage_report(const Args& args, Context& ctx) {
  const double start = parse_timestamp(args.get_or("start", "yesterday"), ctx.now);
  const double end = parse_timestamp(args.get_or("end", "today"), ctx.now);
  const ReportType type = parse_report_type(args.get_or("report_type", "byassociation"));
  const TimeUnit unit = parse_time_unit(args.get_or("time_unit", "sec"));
  UsageReport report(type, parse_size_bins(args.get_or("job_size_bins", "0")));

  auto db = open_database(ctx.db_path, Access::kRead);
  store::ReadSnapshot snapshot(db);
  store::JobFilter f;
  f.inactive_from = start;
  f.inactive_before = end;
  if (auto v = args.get("username")) f.userid = resolve_userid(db, *v);
  if (auto v = args.get("bank")) f.bank = *v;
  JobRecordReader records(db, f, {.resources = false, .username = type != ReportType::kBank});
  JobRecord rec;
  while (records.next(rec))
    report.add({rec.username, rec.bank.empty() ? std::string_view("(none)") : rec.bank,
                rec.counts.nnodes, rec.t_run, rec.t_inactive});

  if (!args.flag("json")) {
    ctx.out.write(format_usage_report(report, unit));
    return 0;
  }
  const double divisor = seconds_per(unit);
  std::string bins;
  for (auto b : report.bins()) bins += (bins.empty() ? "" : ", ") + std::to_string(b);
  ctx.out.line("{");
  ctx.out.line(fmt::format("  \"report_type\": \"{}\",", report_type_name(type)));
  ctx.out.line(fmt::format("  \"time_unit\": \"{}\",", time_unit_name(unit)));
  ctx.out.line(fmt::format("  \"start\": {},", py::json(start)));
  ctx.out.line(fmt::format("  \"end\": {},", py::json(end)));
  ctx.out.line(fmt::format("  \"job_size_bins\": [{}],", bins));
  const auto rows = report.rows();
  ctx.out.write("  \"rows\": [");
  for (std::size_t i = 0; i < rows.size(); ++i)
    ctx.out.write(
        fmt::format("{}\n    {}", i ? "," : "", usage_row_json(rows[i], type, divisor, false)));
  ctx.out.line(rows.empty() ? "]," : "\n  ],");
  ctx.out.line(fmt::format("  \"total\": {}", usage_row_json(report.total(), type, divisor, true)));
  ctx.out.line("}");
  return 0;
}

// ---- show-usage

void define_show_usage(Parser& p) {
  p.positional({.name = "table", .help = "what to chart: associations or banks"});
  p.option({.flags = {"-n", "--limit"},
            .type = Type::kInt,
            .metavar = "LIMIT",
            .help = "the number of rows to display on the bar chart (default: 10)"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "print the values as JSON"});
}

int run_show_usage(const Args& args, Context& ctx) {
  const std::string table = *args.get("table");
  if (table != "associations" && table != "banks")
    throw UsageError(fmt::format(
        "argument table: invalid choice: '{}' (choose from 'associations', 'banks')", table));
  long long limit = 10;
  if (auto v = args.get("limit")) parse_int(*v, limit);

  auto db = open_database(ctx.db_path, Access::kRead);
  const bool associations = table == "associations";
  const auto entries =
      associations ? store::top_association_usage(db, limit) : store::top_bank_usage(db, limit);
  if (args.flag("json")) {
    ctx.out.write("[");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      ctx.out.write(i ? ",\n  {" : "\n  {");
      if (associations)
        ctx.out.write(fmt::format("\n    \"username\": {},", py::json_string(e.username)));
      ctx.out.write(fmt::format("\n    \"bank\": {},\n    \"job_usage\": {}\n  }}",
                                py::json_string(e.bank), py::json(e.job_usage)));
    }
    ctx.out.write(entries.empty() ? "]\n" : "\n]\n");
    return 0;
  }
  if (entries.empty()) {
    ctx.out.line("no data to display");
    return 0;
  }
  std::vector<Bar> bars;
  for (const auto& e : entries)
    bars.push_back({associations ? e.username + " / " + e.bank : e.bank, e.job_usage});
  for (const auto& line : bar_chart(bars, ctx.out.terminal_width(), locale_bar_char()))
    ctx.out.line(line);
  return 0;
}

}  // namespace

std::vector<Command> report_commands() {
  return {
      {"view-job-records", "view job records", define_view_job_records, run_view_job_records},
      {"view-usage-report", "calculate usage for a user, bank, or association",
       define_view_usage_report, run_view_usage_report},
      {"show-usage", "graph job usage values from the flux-accounting database", define_show_usage,
       run_show_usage},
  };
}

}  // namespace fluxacct::cli
