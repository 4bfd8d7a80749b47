// Versions and dates through the C ABI.
#include "capi/boundary.hpp"
#include "kefu/date.hpp"

static_assert(KEFU_MIN_DAY == kefu::kMinDay && KEFU_MAX_DAY == kefu::kMaxDay);
static_assert(KEFU_VERSION_MAJOR == KEFU_PROJECT_VERSION_MAJOR &&
                  KEFU_VERSION_MINOR == KEFU_PROJECT_VERSION_MINOR &&
                  KEFU_VERSION_PATCH == KEFU_PROJECT_VERSION_PATCH,
              "kefu.h's KEFU_VERSION_* must match project(VERSION) in CMakeLists.txt");
static_assert(KEFU_ABI_VERSION == KEFU_PROJECT_ABI_MAJOR,
              "KEFU_ABI_VERSION must match KEFU_ABI_MAJOR (the SOVERSION) in CMakeLists.txt");

using kefu::capi::Guard;
using kefu::capi::NullArgument;

extern "C" {

int kefu_abi_version(void) { return KEFU_ABI_VERSION; }

const char* kefu_version(void) { return KEFU_VERSION_STRING; }

kefu_status kefu_date_from_ymd(int year, int month, int day, int32_t* out_day) {
  return Guard([&]() -> kefu::Status {
    if (out_day == nullptr) return kefu::Status::InvalidArgument("out_day is NULL");
    return kefu::DayFromYmd(year, month, day, "date", out_day);
  });
}

kefu_status kefu_date_to_ymd(int32_t day, int* year, int* month, int* mday) {
  return Guard([&]() -> kefu_status {
    if (year == nullptr) return NullArgument("year");
    if (month == nullptr) return NullArgument("month");
    if (mday == nullptr) return NullArgument("mday");
    if (auto s = kefu::CheckSupportedDay(day, "day"); !s.ok()) return kefu::capi::Report(s);
    const kefu::Ymd ymd = kefu::CivilFromDays(day);
    *year = ymd.year;
    *month = ymd.month;
    *mday = ymd.day;
    return KEFU_OK;
  });
}

}  // extern "C"
