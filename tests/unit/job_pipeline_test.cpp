#include "cli/job_pipeline.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/error.hpp"

namespace fluxacct::cli {
namespace {

// Numbered records 1…limit; throws at record `fail_at`.
class Counting : public OutcomeSource {
 public:
  Counting(long limit, long fail_at = -1) : limit_(limit), fail_at_(fail_at) {}
  bool next(Outcome& o) override {
    if (n_ == fail_at_) throw Error("cannot read record " + std::to_string(n_));
    if (n_ >= limit_) return false;
    o.line = ++n_;
    o.id = std::to_string(n_);
    return true;
  }
  std::int64_t records_read() const override { return n_; }

 private:
  long n_ = 0, limit_, fail_at_;
};

TEST(JobPipeline, EveryRecordInOrder) {
  for (long limit : {0L, 1L, 255L, 256L, 257L, 10000L}) {
    Counting source(limit);
    long last = 0, batches = 0;
    std::int64_t read = 0;
    run_pipeline(source, [&](const Batch& b) {
      ++batches;
      for (std::size_t i = 0; i < b.size; ++i) {
        ASSERT_EQ(b.items[i].line, last + 1);
        ASSERT_EQ(b.items[i].id, std::to_string(last + 1));
        last = b.items[i].line;
      }
      EXPECT_GE(b.records_read, read);
      read = b.records_read;
    });
    EXPECT_EQ(last, limit);
    EXPECT_EQ(read, limit);
  }
}

TEST(JobPipeline, ProducerErrorReachesTheCaller) {
  Counting source(100000, 3000);
  long consumed = 0;
  try {
    run_pipeline(source, [&](const Batch& b) { consumed += static_cast<long>(b.size); });
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "cannot read record 3000");
  }
  EXPECT_EQ(consumed, 3000);  // the records before the error, then the error
}

TEST(JobPipeline, ConsumerErrorStopsTheProducer) {
  Counting source(10000000);
  int calls = 0;
  EXPECT_THROW(run_pipeline(source,
                            [&](const Batch&) {
                              if (++calls == 3) throw std::logic_error("write failed");
                            }),
               std::logic_error);
  EXPECT_LT(source.records_read(), 10000);  // it did not read on to the end
}

}  // namespace
}  // namespace fluxacct::cli
