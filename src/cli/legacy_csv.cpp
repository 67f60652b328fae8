#include "cli/legacy_csv.hpp"

#include <fmt/format.h>

#include "cli/csv_files.hpp"
#include "cli/numeric_options.hpp"
#include "cli/passwd.hpp"
#include "core/error.hpp"
#include "store/banks.hpp"
#include "store/transfer.hpp"
#include "store/users.hpp"

namespace fluxacct::cli {
namespace {

constexpr const char* kBankColumns = "bank,parent_bank,shares";
constexpr const char* kUserColumns =
    "username,userid,bank,shares,max_running_jobs,max_active_jobs,max_nodes,queues";

// Runs `add` for every record of the file, naming file and line in errors.
template <class Add>
void each_row(const std::string& path, Add add) {
  CsvInputFile file(path);
  csv::Reader& in = file.reader();
  csv::Row row;
  while (in.next(row)) {
    try {
      add(row);
    } catch (const Error& e) {
      in.fail(e.what());
    }
  }
}

void write_rows(sql::Statement st, const std::string& path) {
  CsvOutputFile file(path);
  while (st.step()) {
    for (int i = 0; i < st.column_count(); ++i) write_value(file.writer(), st.get_value(i));
    file.writer().end_row();
  }
  file.commit();
}

}  // namespace

void import_legacy_banks(sql::Connection& db, const std::string& path) {
  each_row(path, [&](const csv::Row& row) {
    if (row.size() != 3)
      throw Error(
          fmt::format("row has {} fields; a banks file has 3: {}", row.size(), kBankColumns));
    store::NewBank bank{.name = row[0].text, .parent = row[1].text};
    bank.shares = parse_shares("shares", row[2].text);
    store::add_bank(db, bank);
  });
}

void import_legacy_users(sql::Connection& db, const std::string& path, std::time_t now) {
  each_row(path, [&](const csv::Row& row) {
    if (row.size() < 3 || row.size() > 8)
      throw Error(
          fmt::format("row has {} fields; a users file has 3 to 8: {}", row.size(), kUserColumns));
    auto cell = [&](std::size_t i) { return i < row.size() ? row[i].text : std::string(); };
    store::NewAssociation a;
    a.username = cell(0);
    a.bank = cell(2);
    if (a.username.empty()) throw Error("username must not be empty");
    a.userid = cell(1).empty() ? passwd_uid(a.username).value_or(store::kUnknownUserid)
                               : parse_userid("userid", cell(1));
    if (!cell(3).empty()) a.shares = parse_shares("shares", cell(3));
    if (!cell(4).empty()) a.max_running_jobs = parse_limit("max_running_jobs", cell(4));
    if (!cell(5).empty()) a.max_active_jobs = parse_limit("max_active_jobs", cell(5));
    if (!cell(6).empty()) a.max_nodes = parse_limit("max_nodes", cell(6));
    a.queues = cell(7);
    store::add_association(db, a, now);
  });
}

void export_legacy(sql::Connection& db, const std::string& users_path,
                   const std::string& banks_path) {
  if (!users_path.empty()) write_rows(store::select_legacy_users(db), users_path);
  if (!banks_path.empty()) write_rows(store::select_legacy_banks(db), banks_path);
}

}  // namespace fluxacct::cli
