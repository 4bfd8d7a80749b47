/* The C ABI from C11, using nothing but kefu.h: what a C HIS does. Exits non-zero on failure. */
#include <stdio.h>
#include <string.h>

#include "kefu/kefu.h"

static int failures = 0;

#define CHECK(cond)                                                                            \
  do {                                                                                         \
    if (!(cond)) {                                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n", __FILE__, __LINE__, #cond, \
              kefu_last_error());                                                              \
      ++failures;                                                                              \
    }                                                                                          \
  } while (0)

static int32_t day_of(int y, int m, int d) {
  int32_t day = 0;
  CHECK(kefu_date_from_ymd(y, m, d, &day) == KEFU_OK);
  return day;
}

static void test_cadence(void) {
  kefu_cadence* standard = NULL;
  kefu_window windows[6];
  kefu_window next;
  size_t written = 0;
  int32_t anchors[3];
  kefu_window batch[3];
  int32_t jan31 = day_of(2026, 1, 31);

  CHECK(kefu_cadence_builtin("standard", &standard) == KEFU_OK);
  CHECK(kefu_cadence_expand(standard, jan31, windows, 6, &written) == KEFU_OK);
  CHECK(written == 6);
  CHECK(windows[0].seq == 1 && windows[0].opens == jan31 + 1 && windows[0].due == jan31 + 7);
  CHECK(windows[3].due == jan31 + 70);
  CHECK(windows[4].due == day_of(2026, 7, 11));
  CHECK(windows[5].due == day_of(2026, 10, 11));

  CHECK(kefu_cadence_next(standard, jan31, day_of(2026, 11, 23), &next) == KEFU_OK);
  CHECK(next.seq == 7 && next.due == day_of(2027, 1, 11));

  anchors[0] = jan31;
  anchors[1] = day_of(2026, 11, 20);
  anchors[2] = day_of(2200, 12, 31);
  CHECK(kefu_cadence_next_batch(standard, anchors, 3, day_of(2026, 11, 23), batch) == KEFU_OK);
  CHECK(batch[0].seq == 7);
  CHECK(batch[1].seq == 1 && batch[1].due == day_of(2026, 11, 27));
  CHECK(batch[2].seq == 0);
  kefu_cadence_free(standard);

  CHECK(kefu_cadence_parse_json("{\"steps\": []}", &standard) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(strcmp(kefu_last_error(), "steps is empty: a policy needs at least one step") == 0);
  CHECK(kefu_cadence_builtin(NULL, &standard) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(strcmp(kefu_last_error(), "name is NULL") == 0);
}

static void test_call(void) {
  kefu_db* db = NULL;
  kefu_session* session = NULL;
  kefu_buffer response = {NULL, 0};

  CHECK(kefu_open(":memory:", &db) == KEFU_OK);
  CHECK(kefu_session_open(db, "his", &session) == KEFU_OK);
  CHECK(kefu_call_json(session, "kefu.v1.SystemService/GetVersion", "{}", &response) == KEFU_OK);
  CHECK(response.data != NULL && strstr((const char*)response.data, "\"abiVersion\":1") != NULL);
  kefu_buffer_free(&response);
  CHECK(response.data == NULL && response.size == 0);

  CHECK(kefu_call(session, "kefu.v1.Nothing/Here", NULL, 0, &response) == KEFU_ERR_UNIMPLEMENTED);
  CHECK(strcmp(kefu_status_name(KEFU_ERR_UNIMPLEMENTED), "KEFU_ERR_UNIMPLEMENTED") == 0);
  CHECK(response.data == NULL);
  kefu_session_close(session);
  kefu_close(db);
}

int main(void) {
  CHECK(kefu_abi_version() == KEFU_ABI_VERSION);
  CHECK(strcmp(kefu_version(), KEFU_VERSION_STRING) == 0);
  CHECK(strcmp(kefu_last_error(), "") == 0);
  test_cadence();
  test_call();
  if (failures == 0) printf("C ABI from C11: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
