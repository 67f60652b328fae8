// bank-info: the share tree around a bank or a user - normalised shares and
// usage and each user's fair-share - as upstream's 0.59.1 command shows it.
#include <fmt/format.h>
#include <unistd.h>

#include "cli/bank_info_format.hpp"
#include "cli/command.hpp"
#include "cli/passwd.hpp"
#include "core/error.hpp"
#include "core/share_tree.hpp"
#include "store/database.hpp"
#include "store/share_tree_rows.hpp"

namespace fluxacct::cli {
namespace {

void define_bank_info(Parser& p) {
  p.option(
      {.flags = {"-v", "--verbose"}, .kind = Kind::kFlag, .help = "display detailed usage info"});
  p.option({.flags = {"-P", "--parsable"},
            .kind = Kind::kFlag,
            .help = "output \"|\" delimited columns for easy parsing"});
  p.option({.flags = {"-n", "--noheader"}, .kind = Kind::kFlag, .help = "do not display headers"});
  p.option({.flags = {"-x", "--exclude"},
            .metavar = "<bank>",
            .help = "do not display <bank> (or a user of that name) or anything below it"});
  p.option({.flags = {"-t", "--tree"},
            .metavar = "<bank>",
            .help = "display all children of <bank>, including users"});
  p.option({.flags = {"-T", "--tree-no-users"},
            .metavar = "<bank>",
            .help = "display all children of <bank>, except users"});
  p.option({.flags = {"-r", "--to-root"},
            .metavar = "<bank>",
            .help = "display all parents for <bank>"});
  p.option({.flags = {"-u", "--user"},
            .metavar = "<user>",
            .help = "display all banks for <user> (default: the user running the command)"});
  p.option({.flags = {"--json"},
            .kind = Kind::kFlag,
            .help = "print the rows as a JSON list (full precision)"});
  p.exclusive({"tree", "tree_no_users", "to_root", "user"});
  p.exclusive({"json", "parsable"});
}

// The person running the command (upstream asks the accounting service,
// which answers with its own uid).
std::string current_user() {
  const auto uid = static_cast<std::int64_t>(getuid());
  if (auto name = passwd_username(uid)) return *name;
  throw Error(
      fmt::format("uid {} has no entry in the password database; name the user with -u", uid));
}

int run_bank_info(const Args& args, Context& ctx) {
  std::optional<std::string> bank = args.get("tree");
  if (!bank) bank = args.get("tree_no_users");
  if (!bank) bank = args.get("to_root");
  std::optional<std::string> user = args.get("user");
  if (!bank && !user) user = current_user();

  auto db = open_database(ctx.db_path, Access::kRead);
  db.exec("BEGIN");  // one snapshot; read-only, never committed
  BankInfoStyle style;
  style.verbose = args.flag("verbose");
  style.parsable = args.flag("parsable");
  if (user) style.default_bank = store::default_bank_of(db, *user);
  const share_tree::Tree tree = share_tree::build(store::load_share_tree_rows(db));

  const std::string& target = user ? *user : *bank;
  const auto targets = tree.find(target);
  if (targets.empty()) throw Error(fmt::format("Could not find \"{}\"", target));

  const std::string exclude = args.get_or("exclude", "");
  const auto rows = (args.has("to_root") || user)
                        ? share_tree::to_root_view(tree, targets, exclude)
                        : share_tree::subtree_view(tree, targets, args.has("tree"), exclude);
  if (args.flag("json")) {
    bank_info_json(tree, rows, style, ctx.out);
    return 0;
  }
  if (!args.flag("noheader")) ctx.out.line(bank_info_header(style));
  for (std::size_t id : rows) ctx.out.line(bank_info_line(tree.nodes[id], style));
  return 0;
}

}  // namespace

std::vector<Command> bank_info_commands() {
  return {{"bank-info", "display fairshare and priority information for banks and users",
           define_bank_info, run_bank_info}};
}

}  // namespace fluxacct::cli
