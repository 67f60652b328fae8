// What flux-account simulate prints about a finished what-if run: a line
// per workload job, a summary per bank, the notes, and --explain's answer;
// or with --json one object per job.
#pragma once

#include <string>

#include "cli/simulate_site.hpp"
#include "sim/what_if.hpp"

namespace fluxacct::cli {

// The table, one row per job in submit order:
//   JOB  USER   BANK  QUEUE  PRIO   SUBMIT  START  END  WAIT  STATE
//   1    alice  A     batch  50000  0       0      600  0     completed
// (times in seconds from the start; WAIT is the time spent pending, until
// the job started, ended or the run stopped; STATE completed, cancelled,
// running, rejected: <message>, exception: <message> or still pending:
// <why>), then the summary: counts by state, the simulated span and
// machine, and per bank the jobs run with their mean and max wait; then
// the notes about events that did nothing.
std::string simulate_text(const sim::WhatIf& run, const SimulateSite& site);

// One JSON object per line and job: job, id (f58, null when rejected),
// user, userid, bank, queue, project, nnodes, ncores, priority, t_submit,
// t_start, t_end, wait, state (completed, cancelled, running, rejected,
// exception, pending), message (the rejection, exception or reason for
// waiting; else null), and for the job given to --explain, explain (its
// lines).
std::string simulate_json(const sim::WhatIf& run, const SimulateSite& site,
                          std::size_t explain_job);

// --explain JOB: the job's `flux account jobs` row and -v formula and why
// it waited, as the run last saw it pending (else as it last saw it
// active), then what it is at the end.
std::string simulate_explain(const sim::WhatIf& run, const SimulateSite& site, std::size_t job);

}  // namespace fluxacct::cli
