/*
 * kefu.h - the stable C ABI of kefu, a hospital customer-service and follow-up engine.
 *
 * This header is the whole contract between kefu and the programs that link it. Functions are
 * only ever added; a published signature, type or value never changes (a changed behaviour gets
 * a new function, as SQLite's sqlite3_open_v2). Everything not declared here is private.
 *
 * Conventions, for every function below:
 *  - Every function that can fail returns a kefu_status. On failure it sets this thread's last
 *    error message (kefu_last_error) to a sentence naming the argument or field and its value.
 *    On success the last error message is left as it was.
 *  - Output pointers are written only on success, unless the function says otherwise.
 *  - Passing NULL where a pointer is required gives KEFU_ERR_INVALID_ARGUMENT, never a crash.
 *  - No C++ exception ever leaves a kefu function.
 *  - Memory that kefu hands out is released with the matching kefu_*_free / kefu_*_close function,
 *    each of which accepts NULL.
 *  - Calendar days are int32 day numbers: days since 1970-01-01 in the proleptic Gregorian
 *    calendar. kefu accepts days from 1900-01-01 (-25567) to 2200-12-31 (84370).
 *
 * Threads: all functions may be called from any thread. A kefu_cadence is immutable and may be
 * shared freely. A kefu_db may be shared by all threads of a process. A kefu_session must be used
 * by one thread at a time.
 */
#ifndef KEFU_KEFU_H
#define KEFU_KEFU_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(KEFU_BUILDING_LIBRARY)
#    define KEFU_API __declspec(dllexport)
#  else
#    define KEFU_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define KEFU_API __attribute__((visibility("default")))
#else
#  define KEFU_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------------------------- */

/* The ABI this header describes. A library with another ABI version is not compatible. */
#define KEFU_ABI_VERSION 1

/* The release this header belongs to. */
#define KEFU_VERSION_MAJOR 0
#define KEFU_VERSION_MINOR 6
#define KEFU_VERSION_PATCH 0
#define KEFU_VERSION_STRING "0.6.0"

/* The library's ABI version; compare it with KEFU_ABI_VERSION before using anything else. */
KEFU_API int kefu_abi_version(void);

/* The library's release, "MAJOR.MINOR.PATCH". Static storage: never free it. */
KEFU_API const char* kefu_version(void);

/* ---------------------------------------------------------------------------------------------
 * Statuses and errors
 * ------------------------------------------------------------------------------------------- */

/* The values of this enum are frozen: new statuses may be added at the end, none changes. */
typedef enum kefu_status {
  KEFU_OK = 0,
  KEFU_ERR_INVALID_ARGUMENT = 1,   /* a bad argument or field; the message names it */
  KEFU_ERR_NOT_FOUND = 2,          /* the thing asked for does not exist */
  KEFU_ERR_ALREADY_EXISTS = 3,     /* a record with that identity exists already */
  KEFU_ERR_FAILED_PRECONDITION = 4,/* the archive is not in a state that allows the call */
  KEFU_ERR_PERMISSION_DENIED = 5,  /* the session's actor may not do this */
  KEFU_ERR_UNIMPLEMENTED = 6,      /* no such method in this library */
  KEFU_ERR_IO = 7,                 /* the file system or the store failed */
  KEFU_ERR_CORRUPT = 8,            /* stored data failed a check */
  KEFU_ERR_BUSY = 9,               /* the archive stayed locked by another writer too long */
  KEFU_ERR_INTERNAL = 10           /* a bug in kefu, or out of memory */
} kefu_status;

/* The status's name, e.g. "KEFU_ERR_NOT_FOUND"; "KEFU_ERR_UNKNOWN" for a value not listed above.
 * Static storage: never free it. */
KEFU_API const char* kefu_status_name(kefu_status s);

/* The message of this thread's last failure; "" if nothing has failed on this thread. Never NULL.
 * Valid until the next kefu call on the same thread. */
KEFU_API const char* kefu_last_error(void);

/* ---------------------------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------------------------- */

/* The first and last day kefu accepts: 1900-01-01 and 2200-12-31. */
#define KEFU_MIN_DAY (-25567)
#define KEFU_MAX_DAY 84370

/* Converts a calendar date to a day number.
 * KEFU_ERR_INVALID_ARGUMENT: out_day is NULL, the date does not exist (2026-02-29, month 13), or
 * the year is outside 1900..2200. */
KEFU_API kefu_status kefu_date_from_ymd(int year, int month, int day, int32_t* out_day);

/* Converts a day number to a calendar date.
 * KEFU_ERR_INVALID_ARGUMENT: an output pointer is NULL or day is outside
 * KEFU_MIN_DAY..KEFU_MAX_DAY. */
KEFU_API kefu_status kefu_date_to_ymd(int32_t day, int* year, int* month, int* mday);

/* ---------------------------------------------------------------------------------------------
 * Cadence: when a discharged patient is due for each follow-up contact
 *
 * A cadence is a compiled CadencePolicy (proto/kefu/v1/cadence.proto): steps at offsets from the
 * anchor (the discharge day) in days, weeks or months, each with a window that opens some days
 * before its due day, and an optional repeating tail. Months clamp to the month's last day and
 * never drift: every window is computed from the anchor, never from an earlier window. Windows
 * due after 2200-12-31 are never produced: there the cadence ends.
 * ------------------------------------------------------------------------------------------- */

typedef struct kefu_cadence kefu_cadence;

/* One contact window. seq counts contacts from 1 (0 means "none": the cadence has ended).
 * The window is open from `opens` to the end of `due`, both day numbers. reserved is 0. */
typedef struct kefu_window {
  int32_t seq;
  int32_t opens;
  int32_t due;
  int32_t reserved;
} kefu_window;

/* A built-in policy by name: "standard", "out-of-town" or "local".
 * On success *out owns a new cadence; free it with kefu_cadence_free.
 * KEFU_ERR_INVALID_ARGUMENT: name or out is NULL. KEFU_ERR_NOT_FOUND: no policy of that name. */
KEFU_API kefu_status kefu_cadence_builtin(const char* name, kefu_cadence** out);

/* Compiles a policy given as a binary serialized kefu.v1.CadencePolicy (size bytes at policy;
 * policy may be NULL only when size is 0).
 * KEFU_ERR_INVALID_ARGUMENT: undecodable bytes, or an invalid policy (no steps, a step not due
 * after the one before, a window that opens after it is due, a zero repeat interval, an unknown
 * unit, ...); the message names the field and its value. */
KEFU_API kefu_status kefu_cadence_parse(const void* policy, size_t size, kefu_cadence** out);

/* The same for a policy in protobuf's JSON mapping, a NUL-terminated UTF-8 string. */
KEFU_API kefu_status kefu_cadence_parse_json(const char* json, kefu_cadence** out);

/* Frees a cadence. NULL is allowed. */
KEFU_API void kefu_cadence_free(kefu_cadence* c);

/* Writes the first min(capacity, windows left) windows for `anchor` into out[0..], in order,
 * and their number into *written: fewer than capacity only when the cadence ends first.
 * out may be NULL when capacity is 0.
 * KEFU_ERR_INVALID_ARGUMENT: c or written is NULL, out is NULL with capacity > 0, or anchor is
 * outside KEFU_MIN_DAY..KEFU_MAX_DAY. */
KEFU_API kefu_status kefu_cadence_expand(const kefu_cadence* c, int32_t anchor, kefu_window* out,
                                         size_t capacity, size_t* written);

/* The first window, in cadence order, whose due day is on or after `on_or_after`.
 * KEFU_ERR_NOT_FOUND: the cadence has no such window (it has ended); *out is then set to all
 * zeros. KEFU_ERR_INVALID_ARGUMENT: c or out is NULL, or a day is outside the supported range. */
KEFU_API kefu_status kefu_cadence_next(const kefu_cadence* c, int32_t anchor, int32_t on_or_after,
                                       kefu_window* out);

/* kefu_cadence_next for each of count anchors at once: out[i] is the window for anchors[i], or
 * all zeros (seq 0) where that cadence has ended. This is the nightly hot path: one call for all
 * patients. anchors and out may be NULL only when count is 0.
 * KEFU_ERR_INVALID_ARGUMENT: a NULL pointer, on_or_after out of range, or an anchor out of range
 * (the message names its index); out's contents are then unspecified. */
KEFU_API kefu_status kefu_cadence_next_batch(const kefu_cadence* c, const int32_t* anchors,
                                             size_t count, int32_t on_or_after, kefu_window* out);

/* ---------------------------------------------------------------------------------------------
 * The archive, sessions and calls
 * ------------------------------------------------------------------------------------------- */

typedef struct kefu_db kefu_db;
typedef struct kefu_session kefu_session;

/* Bytes owned by kefu; release them with kefu_buffer_free. */
typedef struct kefu_buffer {
  uint8_t* data;
  size_t size;
} kefu_buffer;

/* Opens the archive at `path` (a UTF-8 file path), or a throwaway archive for ":memory:".
 * On success *out owns the handle; close it with kefu_close.
 * KEFU_ERR_INVALID_ARGUMENT: path or out is NULL, or path is empty. */
KEFU_API kefu_status kefu_open(const char* path, kefu_db** out);

/* kefu_open with options: a binary serialized kefu.v1.OpenOptions (options_size bytes; options
 * may be NULL when options_size is 0, which is kefu_open). DURABILITY_NORMAL trades the last
 * acknowledged calls before a power cut for faster commits (bulk loads that can be rerun).
 * KEFU_ERR_INVALID_ARGUMENT: as kefu_open, or options that do not decode, carry unknown fields
 * or an unknown durability; the message names the field and its value. Since ABI 1 (0.2.0). */
KEFU_API kefu_status kefu_open_with_options(const char* path, const void* options,
                                            size_t options_size, kefu_db** out);

/* Closes an archive. Close its sessions first. NULL is allowed. */
KEFU_API void kefu_close(kefu_db* db);

/* Opens a session acting as `actor`: a staff id, or a system such as "his". Every write made
 * through the session is attributed to the actor.
 * KEFU_ERR_INVALID_ARGUMENT: a NULL pointer, or actor is empty, longer than 128 bytes, not
 * UTF-8, or holds control characters. */
KEFU_API kefu_status kefu_session_open(kefu_db* db, const char* actor, kefu_session** out);

/* Closes a session. NULL is allowed. */
KEFU_API void kefu_session_close(kefu_session* s);

/* Calls `method`, "kefu.v1.<Service>/<Method>" as declared in proto/kefu/v1, with a binary
 * serialized request message (request may be NULL when request_size is 0: an empty message).
 * On success *response holds the binary serialized response; free it with kefu_buffer_free.
 * On failure *response is set to {NULL, 0}.
 * KEFU_ERR_UNIMPLEMENTED: no such method. KEFU_ERR_INVALID_ARGUMENT: a NULL pointer, bytes that
 * do not decode as the request message, a request over 64 MiB, or an invalid field. Other
 * statuses as the method documents. */
KEFU_API kefu_status kefu_call(kefu_session* s, const char* method, const void* request,
                               size_t request_size, kefu_buffer* response);

/* kefu_call in protobuf's JSON mapping: request_json is a NUL-terminated JSON object (unknown
 * fields are an error), and response_json receives the response as JSON, NUL-terminated (the
 * terminator is not counted in size). */
KEFU_API kefu_status kefu_call_json(kefu_session* s, const char* method, const char* request_json,
                                    kefu_buffer* response_json);

/* Releases the bytes of a buffer and sets it to {NULL, 0}. NULL, and a buffer already released,
 * are allowed. */
KEFU_API void kefu_buffer_free(kefu_buffer* b);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KEFU_KEFU_H */
