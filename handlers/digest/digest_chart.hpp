// The digest's chart: a PNG bar chart of open / overdue / done-this-week tasks per unit, drawn
// with Cairo and a font that has the Vietnamese letters, sized to read on a phone. Cairo stays
// inside digest_chart.cpp; callers get the PNG's bytes.
#pragma once

#include <cstddef>
#include <string>

#include "handlers/digest/digest_data.hpp"
#include "handlers/messages.hpp"

namespace wgbot::digest {

inline constexpr int kChartWidth = 1200;
inline constexpr int kChartHeight = 900;
// More units than this: the chart shows those with the most open tasks (the table lists all).
inline constexpr std::size_t kChartMaxUnits = 10;

// PNG bytes; empty when there is nothing to draw (no unit line) or Cairo fails.
std::string render_chart(Lang lang, const DigestData& data);

}  // namespace wgbot::digest
