// flux-account: entry point. Runs as `flux-account [-p DB] SUBCOMMAND ...`
// and, through links, as the stand-alone `flux-account-update-db` etc.,
// where the link's name picks the sub-command.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/line_error.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

using namespace fluxacct;
using namespace fluxacct::cli;

namespace {

std::time_t current_time() {
  if (const char* fixed = std::getenv("FLUXACCT_NOW")) return std::strtoll(fixed, nullptr, 10);
  return std::time(nullptr);
}

std::string main_help() {
  std::string h =
      "usage: flux-account [-h] [-p PATH] SUBCOMMAND ...\n\n"
      "Administer the flux-accounting database: banks, users, queues, projects,\n"
      "usage and fair-share.\n\n"
      "options:\n"
      "  -h, --help            show this help message and exit\n"
      "  -p PATH, --path PATH  the accounting database (default: " +
      std::string(kDefaultDbPath) + ")\n\nsubcommands:\n";
  for (const auto& c : all_commands()) {
    std::string name = "  " + c.name;
    name.resize(24, ' ');
    h += name + c.summary + "\n";
  }
  return h;
}

int run_command(const Command& cmd, const std::string& prog, std::string db_path,
                const std::vector<std::string>& argv) {
  Parser parser(prog, cmd.summary);
  // -p/--path is accepted after the sub-command too (the stand-alone
  // commands take it there). Exact matches only, so that upstream's option
  // prefixes such as --pa for --parsable keep working.
  parser.option({.flags = {"-p", "--path"}, .help = "the accounting database", .hidden = true});
  cmd.define(parser);
  Args args;
  try {
    args = parser.parse(argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "%s: error: %s\n", prog.c_str(), e.what());
    return 2;
  }
  if (args.flag("help")) {
    std::fputs(parser.help().c_str(), stdout);
    return 0;
  }
  if (auto p = args.get("path")) db_path = *p;
  Output out;
  Context ctx{db_path, out, current_time()};
  try {
    int rc = cmd.run(args, ctx);
    std::fflush(stdout);
    return rc;
  } catch (const UsageError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s\n", prog.c_str(), e.what());
    return 2;
  } catch (const LineError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  } catch (const Error& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: error: %s\n", prog.c_str(), e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s: internal error: %s\n", prog.c_str(), e.what());
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  static char buf[1 << 16];
  std::setvbuf(stdout, buf, _IOFBF, sizeof buf);
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string self = argv[0];
  auto slash = self.rfind('/');
  if (slash != std::string::npos) self = self.substr(slash + 1);

  // flux-account-update-db & co.: the name carries the sub-command.
  const std::string prefix = "flux-account-";
  if (self.rfind(prefix, 0) == 0) {
    std::string sub = self.substr(prefix.size());
    if (const Command* cmd = find_command(sub))
      return run_command(*cmd, "flux account-" + sub, kDefaultDbPath, args);
    std::fprintf(stderr, "%s: error: '%s' is not a flux-account command in this version\n",
                 self.c_str(), sub.c_str());
    return 2;
  }

  std::string db_path = kDefaultDbPath;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help" || a == "--h" || a == "--he" || a == "--hel") {
      std::fputs(main_help().c_str(), stdout);
      return 0;
    }
    if (a == "-p" || a == "--path" || a == "--pa" || a == "--pat") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "flux-account: error: argument -p/--path: expected one argument\n");
        return 2;
      }
      db_path = args[++i];
      continue;
    }
    if (a.rfind("--path=", 0) == 0) {
      db_path = a.substr(7);
      continue;
    }
    if (a.rfind("-p", 0) == 0 && a.size() > 2 && a[2] != '-') {
      db_path = a.substr(a[2] == '=' ? 3 : 2);
      continue;
    }
    break;
  }
  if (i >= args.size()) {
    std::fprintf(stderr, "flux-account: error: the following arguments are required: SUBCOMMAND\n");
    return 2;
  }
  const std::string& name = args[i];
  if (name.size() > 1 && name[0] == '-') {
    std::fprintf(stderr, "flux-account: error: unrecognized arguments: %s\n", name.c_str());
    return 2;
  }
  const Command* cmd = find_command(name);
  if (!cmd) {
    std::string choices;
    for (const auto& c : all_commands()) choices += (choices.empty() ? "'" : ", '") + c.name + "'";
    std::fprintf(
        stderr, "flux-account: error: argument SUBCOMMAND: invalid choice: '%s' (choose from %s)\n",
        name.c_str(), choices.c_str());
    return 2;
  }
  std::vector<std::string> rest(args.begin() + static_cast<long>(i) + 1, args.end());
  return run_command(*cmd, "flux-account " + name, db_path, rest);
}
