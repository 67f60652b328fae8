// simulate: a what-if run. The site comes from the database (read only, as
// export-json builds the plugin's document), the workload from JSON lines;
// both go through the job manager model and the real priority engine, and
// what became of each job is printed. Every --cycle seconds the usage and
// fair-share pipeline runs on the simulated clock, as a site's cron jobs
// would. Nothing is written anywhere.
//
// The whole workload is read and checked before anything runs, and the
// output is built before any of it is printed, so a bad line gives one
// error line and an empty standard output.
#include <fmt/format.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "cli/command.hpp"
#include "cli/line_reader.hpp"
#include "cli/simulate_report.hpp"
#include "cli/simulate_site.hpp"
#include "core/duration.hpp"
#include "core/error.hpp"
#include "sim/what_if.hpp"
#include "sim/workload.hpp"
#include "store/database.hpp"

namespace fluxacct::cli {
namespace {

constexpr int kDefaultNodes = 16;
constexpr int kDefaultCoresPerNode = 32;
// An hourly cron job, as sites usually run update-usage and update-fshare.
constexpr double kDefaultCycle = 3600;
// Bounds that keep the modelled machine in memory (one counter per node).
constexpr long long kMaxNodes = 1000000;
constexpr long long kMaxCoresPerNode = 1000000;
// A workload line longer than this is an error, not a buffer to grow.
constexpr std::size_t kMaxLine = std::size_t{1} << 20;

void define_simulate(Parser& p) {
  p.positional({.name = "FILE",
                .help = "workload: JSON lines {\"t\": seconds, \"op\": "
                        "submit|cancel|urgency|update, ...}; - reads standard input"});
  p.option({.flags = {"--nodes"},
            .type = Type::kInt,
            .metavar = "N",
            .help = fmt::format("nodes of the simulated machine (default {})", kDefaultNodes)});
  p.option({.flags = {"--cores"},
            .type = Type::kInt,
            .metavar = "C",
            .help = fmt::format("cores per node (default {})", kDefaultCoresPerNode)});
  p.option({.flags = {"--until"},
            .metavar = "T",
            .help = "stop at time T (seconds, or a duration such as 8h); default: run until "
                    "no running job is left to end"});
  p.option({.flags = {"--cycle"},
            .metavar = "SECONDS",
            .help = fmt::format(
                "run the accounting cycle (update-usage, update-fshare, priority-update) every "
                "SECONDS of simulated time (or a duration such as 1h; default {:.0f}); 0: keep "
                "the database's fair-shares",
                kDefaultCycle)});
  p.option({.flags = {"--explain"},
            .type = Type::kInt,
            .metavar = "JOB",
            .help = "show the priority breakdown of the JOB-th submitted job and why it waited, "
                    "as last seen pending"});
  p.option({.flags = {"--json"}, .kind = Kind::kFlag, .help = "one JSON object per job"});
  p.epilog(
      "Workload keys: t (required, non-decreasing), op (default submit); submit: user or uid, "
      "bank, queue, project, nnodes, ncores (default nnodes), duration (time limit: seconds or "
      "8h, 30m, ...), runtime (default the duration; none of either: runs until cancelled), "
      "urgency; cancel: job; urgency: job, urgency; update: job, bank and/or queue. job is "
      "the number of a submit line, from 1. Blank lines and lines starting with # are "
      "skipped.");
}

long long bounded(const Args& args, const char* dest, const char* flag, long long fallback,
                  long long hi) {
  const auto text = args.get(dest);
  if (!text) return fallback;
  long long v = 0;
  parse_int(*text, v);  // the parser has checked the form (Type::kInt)
  if (v < 1 || v > hi) throw Error(fmt::format("{} must be from 1 to {}, got {}", flag, hi, *text));
  return v;
}

std::vector<sim::WorkloadEvent> read_workload(const std::string& path, const SimulateSite& site,
                                              std::size_t& submits) {
  sim::WorkloadParser parser([&site](const std::string& user) { return site.lookup(user); });
  std::vector<sim::WorkloadEvent> events;
  LineReader lines(path, kMaxLine);
  std::string_view text;
  bool too_long = false;
  while (lines.next(text, too_long)) {
    if (too_long)
      throw Error(fmt::format("line {}: longer than {} bytes", lines.line_number(), kMaxLine));
    if (auto e = parser.parse(text, lines.line_number())) events.push_back(std::move(*e));
  }
  submits = parser.submits();
  return events;
}

int run_simulate(const Args& args, Context& ctx) {
  sim::WhatIfOptions options;
  options.shape.nodes =
      static_cast<int>(bounded(args, "nodes", "--nodes", kDefaultNodes, kMaxNodes));
  options.shape.cores_per_node =
      static_cast<int>(bounded(args, "cores", "--cores", kDefaultCoresPerNode, kMaxCoresPerNode));
  if (const auto until = args.get("until")) {
    double t = NAN;
    try {
      t = parse_fsd(*until);
    } catch (const Error&) {
    }
    if (!(t >= 0 && t <= sim::kMaxWorkloadSeconds))
      throw Error(fmt::format("--until must be a time from 0 to {:.0f} seconds, got '{}'",
                              sim::kMaxWorkloadSeconds, *until));
    options.until = t;
  }
  options.cycle = kDefaultCycle;
  if (const auto cycle = args.get("cycle")) {
    double t = NAN;
    try {
      t = parse_fsd(*cycle);
    } catch (const Error&) {
    }
    if (!(t >= 0 && t <= sim::kMaxWorkloadSeconds))
      throw Error(fmt::format("--cycle must be a time from 0 to {:.0f} seconds, got '{}'",
                              sim::kMaxWorkloadSeconds, *cycle));
    options.cycle = t;
  }
  const long long explain = bounded(args, "explain", "--explain", 0, sim::kMaxWorkloadCount);
  const bool json = args.flag("json");

  SimulateSite site;
  {
    auto db = open_database(ctx.db_path, Access::kRead);
    site = load_simulate_site(db, static_cast<double>(ctx.now));
  }
  std::size_t submits = 0;
  const auto events = read_workload(*args.get("FILE"), site, submits);
  if (explain > 0 && static_cast<std::size_t>(explain) > submits)
    throw Error(fmt::format("--explain: job {} has not been submitted (the workload submits {})",
                            explain, submits));
  options.explain_job = static_cast<std::size_t>(explain);

  sim::WhatIf run(site.document, options, site.accounting);
  run.run(events);
  if (options.explain_job > run.jobs().size())
    throw Error(fmt::format("--explain: job {} comes after the stop time", explain));

  std::string out;
  if (json) {
    out = simulate_json(run, site, options.explain_job);
  } else {
    out = simulate_text(run, site);
    if (options.explain_job > 0) {
      out += '\n';  // (not "\n" + …: g++ 12 warns falsely about that, -Wrestrict)
      out += simulate_explain(run, site, options.explain_job);
    }
  }
  ctx.out.write(out);
  return 0;
}

}  // namespace

std::vector<Command> simulate_commands() {
  return {{"simulate", "replay a workload against the database's policy (what-if; writes nothing)",
           define_simulate, run_simulate}};
}

}  // namespace fluxacct::cli
