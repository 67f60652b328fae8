// The output forms every listing shares (upstream's AccountingFormatter):
//   table  - column names, a "-+-" rule, cells left-justified and joined by
//            " | "; active shown as true/false, 2147483647 as "unlimited";
//   JSON   - a list of objects, indent 2, 2147483647 as "unlimited";
//   format - a Python str.format string: a header line of column names,
//            then one line per row with raw values.
#pragma once

#include <string>
#include <vector>

#include "cli/output.hpp"
#include "store/rows.hpp"

namespace fluxacct::cli {

void render_table(RowSource& rows, Output& out);
void render_json(RowSource& rows, Output& out);
// Throws Error naming the bad placeholder and the available columns.
void render_format(RowSource& rows, const std::string& format, Output& out);

// Splits a --fields list and checks every name against `allowed`.
// Throws Error("invalid fields: a, b") naming those that are not columns.
std::vector<std::string> parse_fields(const std::string& fields,
                                      const std::vector<std::string>& allowed);

// Chooses the renderer from the common options: -o/--format wins, then
// JSON when `json` is set, else the table.
void render(RowSource& rows, const std::string* format, bool json, Output& out);

// Splits "a,b,c" into its non-empty, trimmed parts.
std::vector<std::string> split_list(const std::string& s, char sep = ',');

}  // namespace fluxacct::cli
