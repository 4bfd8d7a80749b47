// Files that are not kefu's: another application's SQLite database, a text file, an empty file
// opened to read. kefu refuses each with a clear status naming the path, and leaves it untouched.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "kefu/kefu.h"
#include "kefu/v1/maintenance.pb.h"

namespace {

std::string Fresh(const std::string& name) {
  const std::string path = testing::TempDir() + "kefu-foreign-" + name;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path + suffix);
  return path;
}

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(ForeignFile, AnotherApplicationsDatabaseIsRefusedUntouched) {
  const std::string path = Fresh("other-app.db");
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other,
                         "CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT);"
                         "INSERT INTO orders (item) VALUES ('x');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(other);
  const std::string before = Bytes(path);
  kefu_db* db = nullptr;
  EXPECT_EQ(kefu_open(path.c_str(), &db), KEFU_ERR_CORRUPT);
  EXPECT_EQ(std::string(kefu_last_error()),
            "path is \"" + path +
                "\": an SQLite database of another application (1 schema "
                "objects, not kefu's): refused, and left untouched");
  EXPECT_EQ(Bytes(path), before) << "the file was changed";
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(ForeignFile, ATextFileIsNotAnArchiveAndTheMessageNamesIt) {
  const std::string path = Fresh("notes.txt");
  std::ofstream(path) << "not an archive, just some notes\n";
  kefu_db* db = nullptr;
  EXPECT_EQ(kefu_open(path.c_str(), &db), KEFU_ERR_CORRUPT);
  EXPECT_EQ(
      std::string(kefu_last_error()).rfind("path is \"" + path + "\": not a kefu archive (", 0), 0u)
      << kefu_last_error();
  EXPECT_EQ(Bytes(path), "not an archive, just some notes\n");
}

TEST(ForeignFile, AnEmptyFileOpenedToReadIsNotFound) {
  const std::string path = Fresh("empty.db");
  std::ofstream{path};
  kefu::v1::OpenOptions options;
  options.set_must_exist(true);
  const std::string bytes = options.SerializeAsString();
  kefu_db* db = nullptr;
  EXPECT_EQ(kefu_open_with_options(path.c_str(), bytes.data(), bytes.size(), &db),
            KEFU_ERR_NOT_FOUND);
  EXPECT_NE(std::string(kefu_last_error()).find("an empty file, not an archive"),
            std::string::npos);
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  // Without must_exist, an empty file becomes a new archive.
  ASSERT_EQ(kefu_open(path.c_str(), &db), KEFU_OK);
  kefu_close(db);
}

}  // namespace

namespace {

// A library never writes to its host's stderr: a request with a string that is not UTF-8 is
// refused by status alone (protobuf would log an ERROR line for it).
TEST(HostStderr, AnInvalidUtf8RequestWritesNothingToStderr) {
  kefu_db* db = nullptr;
  kefu_session* s = nullptr;
  ASSERT_EQ(kefu_open(":memory:", &db), KEFU_OK);
  ASSERT_EQ(kefu_session_open(db, "his", &s), KEFU_OK);
  // CreatePatientRequest{patient: {mrn: "A1", name: "\xff\xfe"}}, framed by hand.
  const std::string request(
      "\x0a\x08\x12\x02"
      "A1"
      "\x1a\x02\xff\xfe",
      10);
  kefu_buffer out{nullptr, 0};
  testing::internal::CaptureStderr();
  const kefu_status status =
      kefu_call(s, "kefu.v1.PatientService/CreatePatient", request.data(), request.size(), &out);
  const std::string printed = testing::internal::GetCapturedStderr();
  EXPECT_EQ(status, KEFU_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(printed, "");
  kefu_buffer_free(&out);
  kefu_session_close(s);
  kefu_close(db);
}

}  // namespace
