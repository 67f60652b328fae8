#include "cli/argparse.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

Parser user_parser() {
  Parser p("flux-account add-user", "add a user");
  p.option({.flags = {"-u", "--username"}, .required = true});
  p.option({.flags = {"-B", "--bank"}, .required = true});
  p.option({.flags = {"--shares"}});
  p.option({.flags = {"-q", "--queues"}});
  p.option({.flags = {"--max-nodes"}});
  p.option({.flags = {"--max-nodes-per-job"}});
  p.option({.flags = {"-msn", "--max-sched-nodes-per-assoc"}, .type = Type::kInt});
  p.option({.flags = {"--force"}, .kind = Kind::kFlag});
  p.option({.flags = {"-v", "--verbose"}, .kind = Kind::kCount});
  return p;
}

std::string usage_error(const Parser& p, const std::vector<std::string>& argv) {
  try {
    p.parse(argv);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Argparse, LongShortAndEqualsForms) {
  auto a = user_parser().parse({"--username=alice", "-B", "A", "--shares", "5", "-qbatch,debug"});
  EXPECT_EQ(a.get("username"), "alice");
  EXPECT_EQ(a.get("bank"), "A");
  EXPECT_EQ(a.get("shares"), "5");
  EXPECT_EQ(a.get("queues"), "batch,debug");
  EXPECT_FALSE(a.has("force"));
}

TEST(Argparse, UnambiguousPrefixes) {
  auto a = user_parser().parse({"--user", "bob", "--ban=B", "--queue=x", "--fo"});
  EXPECT_EQ(a.get("username"), "bob");
  EXPECT_EQ(a.get("bank"), "B");
  EXPECT_EQ(a.get("queues"), "x");
  EXPECT_TRUE(a.flag("force"));
  // An exact name wins over a longer option it is a prefix of.
  auto b = user_parser().parse({"-u", "x", "-B", "y", "--max-nodes", "3"});
  EXPECT_EQ(b.get("max_nodes"), "3");
  EXPECT_FALSE(b.has("max_nodes_per_job"));
  EXPECT_EQ(usage_error(user_parser(), {"-u", "x", "-B", "y", "--max-n", "3"}),
            "ambiguous option: --max-n could match --max-nodes, --max-nodes-per-job");
}

TEST(Argparse, MultiLetterSingleDashOption) {
  auto a = user_parser().parse({"-u", "x", "-B", "y", "-msn", "4"});
  EXPECT_EQ(a.get("max_sched_nodes_per_assoc"), "4");
}

TEST(Argparse, NegativeNumbersAreValues) {
  auto a = user_parser().parse({"-u", "x", "-B", "y", "--shares", "-1", "--max-nodes=-1"});
  EXPECT_EQ(a.get("shares"), "-1");
  EXPECT_EQ(a.get("max_nodes"), "-1");
}

TEST(Argparse, NegativeNumberFormsAndLongArguments) {
  auto p = user_parser();
  EXPECT_EQ(p.parse({"-u", "x", "-B", "y", "--shares", "-.5"}).get("shares"), "-.5");
  EXPECT_EQ(p.parse({"-u", "x", "-B", "y", "--shares", "-2.5"}).get("shares"), "-2.5");
  EXPECT_EQ(usage_error(p, {"-u", "x", "-B", "y", "--shares", "-2."}),
            "argument --shares: expected one argument");
  // A very long argument is handled without deep recursion.
  std::string big = "-" + std::string(300000, '7');
  EXPECT_EQ(p.parse({"-u", "x", "-B", "y", "--shares", big}).get("shares"), big);
}

TEST(Argparse, ArgparseErrorTexts) {
  auto p = user_parser();
  EXPECT_EQ(usage_error(p, {}), "the following arguments are required: -u/--username, -B/--bank");
  EXPECT_EQ(usage_error(p, {"-u", "x"}), "the following arguments are required: -B/--bank");
  EXPECT_EQ(usage_error(p, {"-u", "x", "-B", "y", "--foo=bar", "extra"}),
            "unrecognized arguments: --foo=bar extra");
  EXPECT_EQ(usage_error(p, {"-u"}), "argument -u/--username: expected one argument");
  EXPECT_EQ(usage_error(p, {"-u", "--bank", "y"}), "argument -u/--username: expected one argument");
  EXPECT_EQ(usage_error(p, {"-u", "x", "-B", "y", "-msn", "four"}),
            "argument -msn/--max-sched-nodes-per-assoc: invalid int value: 'four'");
  EXPECT_EQ(usage_error(p, {"-u", "x", "-B", "y", "--force=yes"}),
            "argument --force: ignored explicit argument 'yes'");
}

TEST(Argparse, HelpAnywhere) {
  EXPECT_TRUE(user_parser().parse({"-u", "x", "--help"}).flag("help"));
  EXPECT_TRUE(user_parser().parse({"--h"}).flag("help"));
  EXPECT_TRUE(user_parser().parse({"-h"}).flag("help"));
  auto help = user_parser().help();
  EXPECT_NE(help.find("usage: flux-account add-user"), std::string::npos);
  EXPECT_NE(help.find("-u USERNAME, --username USERNAME"), std::string::npos);
}

TEST(Argparse, CountAndShortFlagRuns) {
  auto a = user_parser().parse({"-u", "x", "-B", "y", "-vv", "-v"});
  EXPECT_EQ(a.count("verbose"), 3);
}

TEST(Argparse, PositionalsAnywhereAndNargs) {
  Parser p("flux-account delete-user", "");
  p.positional({.name = "USERNAME"}).positional({.name = "BANK"});
  p.option({.flags = {"--force"}, .kind = Kind::kFlag});
  auto a = p.parse({"alice", "--force", "A"});
  EXPECT_EQ(a.get("USERNAME"), "alice");
  EXPECT_EQ(a.get("BANK"), "A");
  EXPECT_EQ(usage_error(p, {"alice"}), "the following arguments are required: BANK");
  EXPECT_EQ(usage_error(p, {"a", "b", "c"}), "unrecognized arguments: c");

  Parser q("flux-account clear-usage", "");
  q.positional({.name = "BANKS", .nargs = '+'});
  EXPECT_EQ(q.parse({"A", "B", "C"}).list("BANKS").size(), 3u);
  EXPECT_EQ(usage_error(q, {}), "the following arguments are required: BANKS");

  Parser r("flux-account scrub-old-jobs", "");
  r.positional({.name = "NUM_WEEKS", .nargs = '?', .type = Type::kInt});
  EXPECT_FALSE(r.parse({}).has("NUM_WEEKS"));
  EXPECT_EQ(r.parse({"4"}).get("NUM_WEEKS"), "4");
  EXPECT_EQ(usage_error(r, {"four"}), "argument NUM_WEEKS: invalid int value: 'four'");
  // After "--" everything is positional.
  Parser s("x", "");
  s.positional({.name = "NAME"});
  EXPECT_EQ(s.parse({"--", "-weird"}).get("NAME"), "-weird");
}

TEST(Argparse, MutuallyExclusive) {
  Parser p("flux-account view-user", "");
  p.positional({.name = "USERNAME"});
  p.option({.flags = {"--fields"}});
  p.option({.flags = {"-J", "--job-usage"}, .kind = Kind::kFlag});
  p.exclusive({"fields", "job_usage"});
  EXPECT_EQ(usage_error(p, {"u", "--fields=a", "-J"}),
            "argument -J/--job-usage: not allowed with argument --fields");
  EXPECT_EQ(usage_error(p, {"u", "-J", "--fields=a"}),
            "argument --fields: not allowed with argument -J/--job-usage");
}

TEST(Argparse, ChoicesAndLists) {
  Parser p("x", "");
  p.option({.flags = {"-r", "--report-type"}, .choices = {"bybank", "byuser"}});
  p.option({.flags = {"-d", "--requested-duration"}, .kind = Kind::kList});
  EXPECT_EQ(usage_error(p, {"-r", "x"}),
            "argument -r/--report-type: invalid choice: 'x' (choose from 'bybank', 'byuser')");
  auto a = p.parse({"-d", "> 5", "< 10", "-r", "byuser"});
  EXPECT_EQ(a.list("requested_duration"), (std::vector<std::string>{"> 5", "< 10"}));
}

TEST(ParseNumbers, PythonIntAndFloat) {
  long long i;
  double d;
  EXPECT_TRUE(parse_int(" 42 ", i));
  EXPECT_EQ(i, 42);
  EXPECT_TRUE(parse_int("-7", i));
  EXPECT_FALSE(parse_int("4.0", i));
  EXPECT_FALSE(parse_int("", i));
  EXPECT_FALSE(parse_int("99999999999999999999", i));
  EXPECT_TRUE(parse_float("1e-3", d));
  EXPECT_TRUE(parse_float("inf", d));
  EXPECT_FALSE(parse_float("0x10", d));
  EXPECT_FALSE(parse_float("1.5x", d));
}

}  // namespace
}  // namespace fluxacct::cli
