// fetch-job-records in two stages on two threads: one reads and checks job
// records (JSON scanning, R and jobspec parsing: most of the work), the
// other writes them to the database, in input order. Batches of outcomes
// pass between them through a bounded queue and are reused, so memory stays
// flat however many records there are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/job_record.hpp"

namespace fluxacct::cli {

// What became of one record, with everything copied out of the reader's
// buffers (which move on).
struct Outcome {
  jobrec::Skip skip = jobrec::Skip::kNone;
  std::int64_t line = 0;  // line number in a JSON-lines input; 0 for a database row
  std::string id;         // the row's id, or the record's id as display_id() shows it
  std::string detail;     // why it was skipped
  // The row, when skip is kNone.
  std::int64_t userid = 0;
  double t_submit = 0, t_run = 0, t_inactive = 0, requested_duration = 0, actual_duration = 0;
  std::string ranks, R, jobspec, project, bank;

  void set_row(const jobrec::JobRow& row);
  jobrec::JobRow row() const;  // views into this outcome
};

struct Batch {
  std::vector<Outcome> items;  // the first `size` are in use
  std::size_t size = 0;
  std::int64_t records_read = 0;  // records (or lines) read so far, for progress
  std::uint64_t bytes_read = 0;
};

// Reads records on the producer thread.
class OutcomeSource {
 public:
  virtual ~OutcomeSource() = default;
  // Fills `out` with the next record's outcome; false at the end. Throws
  // Error on a read error.
  virtual bool next(Outcome& out) = 0;
  virtual std::int64_t records_read() const = 0;
  virtual std::uint64_t bytes_read() const { return 0; }
};

// Runs `source` on a thread of its own and calls `consume` on this thread
// for each batch, in order. An exception from either side stops both and is
// rethrown here.
template <typename Consume>
void run_pipeline(OutcomeSource& source, Consume&& consume);

// The non-template part: `consume` is called through a function pointer.
void run_pipeline_impl(OutcomeSource& source, void (*consume)(void*, const Batch&), void* ctx);

template <typename Consume>
void run_pipeline(OutcomeSource& source, Consume&& consume) {
  run_pipeline_impl(
      source, [](void* c, const Batch& b) { (*static_cast<Consume*>(c))(b); },
      const_cast<void*>(static_cast<const void*>(&consume)));
}

}  // namespace fluxacct::cli
