/* The child of the crash test: writes patients and discharges through the C ABI as fast as it
 * can, printing the number of each write only after kefu acknowledged it, until it is killed.
 * Usage: crash_writer ARCHIVE FIRST_NUMBER */
#include <stdio.h>
#include <stdlib.h>

#include "kefu/kefu.h"

int main(int argc, char** argv) {
  kefu_db* db = NULL;
  kefu_session* session = NULL;
  kefu_buffer out = {NULL, 0};
  char request[512];
  long n;
  if (argc != 3) return 2;
  if (kefu_open(argv[1], &db) != KEFU_OK ||
      kefu_session_open(db, "crash-writer", &session) != KEFU_OK) {
    fprintf(stderr, "crash_writer: %s\n", kefu_last_error());
    return 3;
  }
  for (n = atol(argv[2]);; ++n) {
    snprintf(request, sizeof request,
             "{\"patient\": {\"mrn\": \"K%ld\", \"name\": \"crash %ld\", "
             "\"phones\": [{\"number\": \"1380%07ld\"}]}}",
             n, n, n % 10000000);
    if (kefu_call_json(session, "kefu.v1.PatientService/CreatePatient", request, &out) != KEFU_OK) {
      fprintf(stderr, "crash_writer: %s\n", kefu_last_error());
      return 4;
    }
    kefu_buffer_free(&out);
    snprintf(
        request, sizeof request,
        "{\"encounter\": {\"patientMrn\": \"K%ld\", \"hisVisitId\": \"V%ld\", "
        "\"department\": \"ward\", \"admissionDate\": {\"year\": 2025, \"month\": 1, \"day\": 1}, "
        "\"dischargeDate\": {\"year\": 2025, \"month\": 1, \"day\": 9}}}",
        n, n);
    if (kefu_call_json(session, "kefu.v1.EncounterService/Discharge", request, &out) != KEFU_OK) {
      fprintf(stderr, "crash_writer: %s\n", kefu_last_error());
      return 5;
    }
    kefu_buffer_free(&out);
    printf("%ld\n", n); /* acknowledged: both writes are committed */
    fflush(stdout);
  }
}
