// A strict reader of the Prometheus text exposition format (version 0.0.4), for tests that
// scrape /metrics: every line must be a HELP, a TYPE or a sample, every sample must belong to a
// family whose TYPE came first, and histograms must be cumulative and end with +Inf == _count.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace wgbot::testing {

struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PromPage {
  std::map<std::string, std::string> types;  // family → counter|gauge|histogram|…
  std::map<std::string, std::string> help;   // family → help text
  std::vector<PromSample> samples;
  std::vector<std::string> errors;  // one per offending line, with its number

  // The value of the series `name` with exactly `labels`; NaN when absent.
  [[nodiscard]] double value(const std::string& name,
                             const std::map<std::string, std::string>& labels = {}) const;
};

PromPage parse_prometheus_text(const std::string& body);

}  // namespace wgbot::testing
