#include "fakes/prometheus_text.hpp"

#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

namespace wgbot::testing {

namespace {

const std::regex kName(R"([a-zA-Z_:][a-zA-Z0-9_:]*)");
const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*))");
const std::regex kType(
    R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
const std::regex kSample(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? ([^ ]+)( -?[0-9]+)?)");
const std::regex kLabel(R"re(\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\[\\"n])*)"\s*(,|$))re");

bool parse_value(const std::string& text, double& out) {
  if (text == "+Inf") {
    out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == "-Inf") {
    out = -std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  static const std::regex kNumber(R"([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)");
  if (!std::regex_match(text, kNumber)) return false;
  out = std::stod(text);
  return true;
}

bool parse_labels(const std::string& text, std::map<std::string, std::string>& labels) {
  auto begin = text.cbegin();
  std::smatch m;
  while (begin != text.cend()) {
    if (!std::regex_search(begin, text.cend(), m, kLabel, std::regex_constants::match_continuous)) {
      return false;
    }
    if (!labels.emplace(m[1], m[2]).second) return false;  // a label given twice
    begin = m[0].second;
  }
  return true;
}

// The family a sample name belongs to, given the declared types.
std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
  if (types.contains(name)) return name;
  for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      const auto base = name.substr(0, name.size() - suffix.size());
      const auto it = types.find(base);
      if (it != types.end() && (it->second == "histogram" || it->second == "summary")) return base;
    }
  }
  return {};
}

void check_histograms(PromPage& page) {
  for (const auto& [family, type] : page.types) {
    if (type != "histogram") continue;
    double previous = 0;
    double inf = std::numeric_limits<double>::quiet_NaN();
    for (const auto& s : page.samples) {
      if (s.name != family + "_bucket") continue;
      if (!s.labels.contains("le")) page.errors.push_back(family + ": bucket without le");
      if (s.value < previous) page.errors.push_back(family + ": buckets not cumulative");
      previous = s.value;
      if (s.labels.contains("le") && s.labels.at("le") == "+Inf") inf = s.value;
    }
    const double count = page.value(family + "_count");
    if (std::isnan(inf) || inf != count) {
      page.errors.push_back(family + ": +Inf bucket missing or not equal to _count");
    }
    if (std::isnan(page.value(family + "_sum"))) page.errors.push_back(family + ": no _sum");
  }
}

}  // namespace

double PromPage::value(const std::string& name,
                       const std::map<std::string, std::string>& labels) const {
  for (const auto& s : samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

PromPage parse_prometheus_text(const std::string& body) {
  PromPage page;
  if (body.empty() || body.back() != '\n') page.errors.emplace_back("the page must end with \\n");
  std::istringstream in(body);
  std::string line;
  int number = 0;
  std::set<std::string> series;
  std::set<std::string> sampled_families;
  while (std::getline(in, line)) {
    ++number;
    const auto where = "line " + std::to_string(number) + " \"" + line + "\": ";
    std::smatch m;
    if (line.empty()) {
      page.errors.push_back(where + "empty line");
    } else if (std::regex_match(line, m, kHelp)) {
      if (!page.help.emplace(m[1], m[2]).second) page.errors.push_back(where + "second HELP");
    } else if (std::regex_match(line, m, kType)) {
      if (sampled_families.contains(m[1])) page.errors.push_back(where + "TYPE after samples");
      if (!page.types.emplace(m[1], m[2]).second) page.errors.push_back(where + "second TYPE");
    } else if (line.starts_with("#")) {
      page.errors.push_back(where + "a comment that is neither HELP nor TYPE");
    } else if (std::regex_match(line, m, kSample)) {
      PromSample sample;
      sample.name = m[1];
      if (!parse_labels(m[3], sample.labels)) page.errors.push_back(where + "bad labels");
      if (!parse_value(m[4], sample.value)) page.errors.push_back(where + "bad value");
      const auto family = family_of(sample.name, page.types);
      if (family.empty()) page.errors.push_back(where + "no TYPE declared before the sample");
      sampled_families.insert(family);
      if (!series.insert(line.substr(0, line.rfind(' '))).second) {
        page.errors.push_back(where + "the same series twice");
      }
      page.samples.push_back(std::move(sample));
    } else {
      page.errors.push_back(where + "not a sample");
    }
  }
  check_histograms(page);
  return page;
}

}  // namespace wgbot::testing
