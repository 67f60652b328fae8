#include "cli/job_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace fluxacct::cli {
namespace {

constexpr std::size_t kBatchSize = 256;
constexpr std::size_t kBatches = 4;  // in flight at most: bounds memory

// Full batches travel to the consumer, empty ones back to the producer.
class Exchange {
 public:
  Exchange() {
    for (std::size_t i = 0; i < kBatches; ++i) {
      auto b = std::make_unique<Batch>();
      b->items.resize(kBatchSize);
      free_.push_back(std::move(b));
    }
  }

  // Producer: an empty batch, or null once the consumer has stopped.
  std::unique_ptr<Batch> take_free() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return stopped_ || !free_.empty(); });
    if (stopped_) return nullptr;
    auto b = std::move(free_.front());
    free_.pop_front();
    return b;
  }

  void put_full(std::unique_ptr<Batch> b) {
    {
      std::lock_guard lock(mutex_);
      full_.push_back(std::move(b));
    }
    cv_.notify_all();
  }

  // Producer: no more batches; `error` if it failed.
  void finish(std::exception_ptr error) {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
      error_ = std::move(error);
    }
    cv_.notify_all();
  }

  // Consumer: the next full batch, or null at the end. Rethrows the
  // producer's error once the batches before it are consumed.
  std::unique_ptr<Batch> take_full() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return finished_ || !full_.empty(); });
    if (!full_.empty()) {
      auto b = std::move(full_.front());
      full_.pop_front();
      return b;
    }
    if (error_) std::rethrow_exception(error_);
    return nullptr;
  }

  void put_free(std::unique_ptr<Batch> b) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(std::move(b));
    }
    cv_.notify_all();
  }

  // Consumer: stop (after an error); the producer ends at its next batch.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> free_, full_;
  bool finished_ = false, stopped_ = false;
  std::exception_ptr error_;
};

void produce(OutcomeSource& source, Exchange& exchange) {
  std::exception_ptr error;
  for (bool more = true; more && !error;) {
    auto batch = exchange.take_free();
    if (!batch) break;
    batch->size = 0;
    try {
      while (batch->size < batch->items.size() && (more = source.next(batch->items[batch->size])))
        ++batch->size;
      batch->records_read = source.records_read();
      batch->bytes_read = source.bytes_read();
    } catch (...) {
      error = std::current_exception();  // the records before it still go out
    }
    if (batch->size > 0) exchange.put_full(std::move(batch));
  }
  exchange.finish(error);
}

}  // namespace

void Outcome::set_row(const jobrec::JobRow& row) {
  id = row.id;
  userid = row.userid;
  t_submit = row.t_submit;
  t_run = row.t_run;
  t_inactive = row.t_inactive;
  requested_duration = row.requested_duration;
  actual_duration = row.actual_duration;
  ranks = row.ranks;
  R = row.R;
  jobspec = row.jobspec;
  project = row.project;
  bank = row.bank;
}

jobrec::JobRow Outcome::row() const {
  jobrec::JobRow r;
  r.id = id;
  r.userid = userid;
  r.t_submit = t_submit;
  r.t_run = t_run;
  r.t_inactive = t_inactive;
  r.ranks = ranks;
  r.R = R;
  r.jobspec = jobspec;
  r.project = project;
  r.bank = bank;
  r.requested_duration = requested_duration;
  r.actual_duration = actual_duration;
  return r;
}

void run_pipeline_impl(OutcomeSource& source, void (*consume)(void*, const Batch&), void* ctx) {
  Exchange exchange;
  std::thread producer(produce, std::ref(source), std::ref(exchange));
  try {
    while (auto batch = exchange.take_full()) {
      consume(ctx, *batch);
      exchange.put_free(std::move(batch));
    }
  } catch (...) {
    exchange.stop();
    producer.join();
    throw;
  }
  producer.join();
}

}  // namespace fluxacct::cli
