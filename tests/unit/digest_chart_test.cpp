// The digest's chart: a valid PNG of the expected size whose pixels follow the data.
#include <cairo.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "handlers/digest/digest_chart.hpp"

namespace wgbot {
namespace {

struct PngReader {
  const std::string* png;
  std::size_t pos = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->pos + length > r->png->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->png->data() + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> pixels;  // 0x00RRGGBB
};

Image decode(const std::string& png) {
  PngReader reader{&png};
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create_from_png_stream(read_png, &reader), &cairo_surface_destroy);
  Image img;
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return img;
  img.width = cairo_image_surface_get_width(surface.get());
  img.height = cairo_image_surface_get_height(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      std::uint32_t px = 0;
      std::memcpy(&px, data + static_cast<std::ptrdiff_t>(y) * stride + x * 4, 4);
      img.pixels.push_back(px & 0xFFFFFFU);
    }
  }
  return img;
}

digest::DigestData sample() {
  digest::DigestData d;
  d.day = date::sys_days(date::year(2026) / 12 / 7);
  d.units = {{1, "Văn phòng UBND Thành phố", 6, 1, 2},
             {2, "Sở Nội vụ", 4, 2, 0},
             {3, "Sở Khoa học và Công nghệ", 5, 1, 1},
             {4, "Sở Tài chính", 3, 0, 1}};
  return d;
}

// Pixels of the colour overdue bars are drawn in (the red that stands out).
std::size_t red_pixels(const Image& img) {
  std::size_t n = 0;
  for (const auto px : img.pixels) {
    const auto r = (px >> 16) & 0xFF;
    const auto g = (px >> 8) & 0xFF;
    const auto b = px & 0xFF;
    if (r > 200 && g < 70 && b < 50) ++n;
  }
  return n;
}

TEST(DigestChart, IsAValidPngOfTheExpectedSize) {
  const std::string png = digest::render_chart(Lang::vi, sample());
  ASSERT_GT(png.size(), 8U);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const Image img = decode(png);
  EXPECT_EQ(img.width, digest::kChartWidth);
  EXPECT_EQ(img.height, digest::kChartHeight);
  EXPECT_GT(red_pixels(img), 1000U);
}

TEST(DigestChart, PixelsDifferWhenTheDataDiffer) {
  const Image before = decode(digest::render_chart(Lang::vi, sample()));
  auto more = sample();
  more.units[1].overdue = 7;  // Sở Nội vụ: seven overdue instead of two
  const Image after = decode(digest::render_chart(Lang::vi, more));
  ASSERT_EQ(before.pixels.size(), after.pixels.size());
  EXPECT_NE(before.pixels, after.pixels);
  // Only the scale changed for the others; the overdue bars as a whole grew.
  EXPECT_GT(red_pixels(after), red_pixels(before));
  // And the same data draw the same picture.
  EXPECT_EQ(decode(digest::render_chart(Lang::vi, sample())).pixels, before.pixels);
}

TEST(DigestChart, TheLanguageChangesTheLabels) {
  const Image vi = decode(digest::render_chart(Lang::vi, sample()));
  const Image en = decode(digest::render_chart(Lang::en, sample()));
  EXPECT_NE(vi.pixels, en.pixels);
}

TEST(DigestChart, NothingToDrawGivesNoPicture) {
  digest::DigestData empty;
  empty.day = date::sys_days(date::year(2026) / 12 / 7);
  EXPECT_TRUE(digest::render_chart(Lang::vi, empty).empty());
}

}  // namespace
}  // namespace wgbot
