// fairshare-emulate (also `flux account-fairshare-emulate`): fair-share
// values for a hierarchy given as JSON, without a database - to try out
// shares before setting them. Runs the same walk as update-fshare, in the
// tie order of upstream's Python emulator, so outputs match it line for line.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/emulate_output.hpp"
#include "cli/line_error.hpp"
#include "core/fairshare_input.hpp"
#include "core/fairshare_walk.hpp"

namespace fluxacct::cli {
namespace {

constexpr const char* kPrefix = "fairshare-emulate: ";

void define_fairshare_emulate(Parser& p) {
  p.option({.flags = {"-i", "--input"},
            .dest = "input_file",
            .required = true,
            .metavar = "INPUT_FILE",
            .help = "path to input JSON file containing bank hierarchy, shares, and usage"});
  p.option({.flags = {"--json", "-j"}, .kind = Kind::kFlag, .help = "output results as JSON"});
  p.option({.flags = {"-o", "--format"},
            .dest = "format_string",
            .metavar = "FORMAT_STRING",
            .help = "output results using Python format string (e.g., '{username} {fairshare}')"});
  p.option({.flags = {"--parsable", "-P"},
            .kind = Kind::kFlag,
            .help = "output results in parsable pipe-delimited format"});
}

std::string read_input(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw LineError(std::string(kPrefix) + "OSError: cannot read input file " + path +
                    ": Is a directory");
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    if (errno == ENOENT)
      throw LineError(std::string(kPrefix) + "FileNotFoundError: input file not found: " + path);
    throw LineError(std::string(kPrefix) + "OSError: cannot read input file " + path + ": " +
                    std::strerror(errno));
  }
  std::ostringstream text;
  text << f.rdbuf();
  if (f.bad()) throw LineError(std::string(kPrefix) + "OSError: cannot read input file " + path);
  return std::move(text).str();
}

int run_fairshare_emulate(const Args& args, Context& ctx) {
  const std::string path = *args.get("input_file");
  const std::string text = read_input(path);
  FairshareInput input;
  try {
    input = parse_fairshare_input(text);
  } catch (const FairshareInputError& e) {
    throw LineError(std::string(kPrefix) + e.python_class() + ": " + e.what());
  }
  const auto ranked = walk_fairshare(input.tree, TieOrder::kInputOrder);

  std::string format = args.get_or("format_string", "");
  if (args.flag("parsable")) format = "{username}|{bank}|{shares}|{usage}|{fairshare}";
  try {
    if (ranked.empty()) throw Error("no users found in input");
    if (args.flag("json"))
      ctx.out.write(emulate_json(input, ranked));
    else if (!format.empty())
      ctx.out.write(emulate_format(input, ranked, format));
    else
      ctx.out.write(emulate_table(input, ranked));
  } catch (const Error& e) {
    throw LineError(std::string(kPrefix) + "ValueError: " + e.what());
  }
  return 0;
}

}  // namespace

std::vector<Command> fairshare_emulate_commands() {
  return {{"fairshare-emulate",
           "calculate fair-share values from a JSON hierarchy, without a database",
           define_fairshare_emulate, run_fairshare_emulate}};
}

}  // namespace fluxacct::cli
