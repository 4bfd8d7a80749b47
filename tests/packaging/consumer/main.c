/* Links the installed libkefu and checks one answer of the standard cadence. */
#include <stdio.h>

#include <kefu/kefu.h>

int main(void) {
  kefu_cadence* cadence = NULL;
  int32_t anchor = 0;
  kefu_window window;
  if (kefu_abi_version() != KEFU_ABI_VERSION) return 2;
  if (kefu_date_from_ymd(2026, 1, 31, &anchor) != KEFU_OK) return 3;
  if (kefu_cadence_builtin("standard", &cadence) != KEFU_OK) return 4;
  if (kefu_cadence_next(cadence, anchor, anchor + 100, &window) != KEFU_OK) return 5;
  kefu_cadence_free(cadence);
  printf("kefu %s: contact %d due on day %d\n", kefu_version(), window.seq, window.due);
  /* the 5th contact: D+70 = 2026-04-11, plus 3 months = 2026-07-11 */
  return window.seq == 5 && window.due == anchor + 161 ? 0 : 1;
}
