// store::RecordTable: every module's rows of (id, searched columns, record) are loaded, listed,
// inserted and updated through it, with one wording for a missing or damaged record.
#include "store/record_table.hpp"

#include <array>
#include <memory>

#include <gtest/gtest.h>

#include "messages/v1.hpp"

namespace kefu::store {
namespace {

// A table of notes as a module would keep it: who it is about, an optional contact, a label.
const RecordTable kNotesTable{"notes", "note", {"patient_id", "contact_id", "label"}};

std::array<Value, 3> NoteColumns(const v1::Note& note) {
  return {Value::Int(note.patient_id()), Value::OptionalId(note.contact_id()),
          Value::OptionalText(note.text())};
}

class RecordTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(Connection::Open(":memory:", &c_).ok());
    ASSERT_TRUE(c_->Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, patient_id INTEGER NOT "
                         "NULL, contact_id INTEGER, label TEXT, record BLOB NOT NULL)")
                    .ok());
    ASSERT_TRUE(Transaction::Begin(*c_, &transaction_).ok());
  }
  v1::Note NewNote(std::int64_t patient_id, std::int64_t contact_id, const std::string& text) {
    v1::Note note;
    note.set_patient_id(patient_id);
    note.set_contact_id(contact_id);
    note.set_text(text);
    return note;
  }
  // The stored columns of row `id`, as text ("NULL" for NULL).
  std::string Row(std::int64_t id) {
    std::string row;
    EXPECT_TRUE(c_->QueryText("SELECT patient_id || '|' || coalesce(contact_id, 'NULL') || '|' || "
                              "coalesce(label, 'NULL') FROM notes WHERE id = " +
                                  std::to_string(id),
                              &row)
                    .ok());
    return row;
  }
  std::unique_ptr<Connection> c_;
  std::unique_ptr<Transaction> transaction_;
};

TEST_F(RecordTableTest, InsertGivesTheNextIdAndStoresItInTheRecord) {
  v1::Note first = NewNote(7, 3, "called back");
  v1::Note second = NewNote(7, 0, "");
  ASSERT_TRUE(kNotesTable.Insert(*c_, &first, NoteColumns(first)).ok());
  ASSERT_TRUE(kNotesTable.Insert(*c_, &second, NoteColumns(second)).ok());
  EXPECT_EQ(first.id(), 1);
  EXPECT_EQ(second.id(), 2);
  v1::Note loaded;
  ASSERT_TRUE(kNotesTable.Load(*c_, 2, &loaded).ok());
  EXPECT_EQ(loaded.id(), 2);
  EXPECT_EQ(loaded.patient_id(), 7);
}

TEST_F(RecordTableTest, InsertWritesEveryColumnAndNullForTheUnsetOptionalOnes) {
  v1::Note with = NewNote(7, 3, "called back");
  v1::Note without = NewNote(8, 0, "");
  ASSERT_TRUE(kNotesTable.Insert(*c_, &with, NoteColumns(with)).ok());
  ASSERT_TRUE(kNotesTable.Insert(*c_, &without, NoteColumns(without)).ok());
  EXPECT_EQ(Row(with.id()), "7|3|called back");
  EXPECT_EQ(Row(without.id()), "8|NULL|NULL");
}

TEST_F(RecordTableTest, UpdateRewritesTheColumnsWithTheRecord) {
  v1::Note note = NewNote(7, 3, "called back");
  ASSERT_TRUE(kNotesTable.Insert(*c_, &note, NoteColumns(note)).ok());
  note.set_patient_id(9);
  note.set_contact_id(0);
  note.set_text("moved");
  ASSERT_TRUE(kNotesTable.Update(*c_, note, NoteColumns(note)).ok());
  EXPECT_EQ(Row(note.id()), "9|NULL|moved");
  v1::Note loaded;
  ASSERT_TRUE(kNotesTable.Load(*c_, note.id(), &loaded).ok());
  EXPECT_EQ(loaded.text(), "moved");
  EXPECT_EQ(loaded.patient_id(), 9);
}

TEST_F(RecordTableTest, WrongNumberOfColumnValuesIsRefusedAndWritesNothing) {
  v1::Note note = NewNote(7, 3, "called back");
  const std::array<Value, 2> short_row = {Value::Int(7), Value::Null()};
  const Status status = kNotesTable.Insert(*c_, &note, short_row);
  EXPECT_EQ(status.code(), Code::kInternal);
  EXPECT_EQ(status.message(), "notes: 2 column values for 3 columns");
  std::int64_t rows = -1;
  ASSERT_TRUE(c_->QueryInt("SELECT count(*) FROM notes", &rows).ok());
  EXPECT_EQ(rows, 0);
}

TEST_F(RecordTableTest, MissingAndDamagedRecordsAreNamed) {
  v1::Note loaded;
  const Status missing = kNotesTable.Load(*c_, 9, &loaded);
  EXPECT_EQ(missing.code(), Code::kNotFound);
  EXPECT_EQ(missing.message(), "note id 9 does not exist");
  ASSERT_TRUE(
      c_->Exec("INSERT INTO notes (id, patient_id, record) VALUES (4, 7, x'ffffffff')").ok());
  const Status damaged = kNotesTable.Load(*c_, 4, &loaded);
  EXPECT_EQ(damaged.code(), Code::kCorrupt);
  EXPECT_EQ(damaged.message(), "note id 4 is stored in a form that does not decode");
}

TEST_F(RecordTableTest, ReadAllDecodesEveryRowInOrder) {
  for (int patient = 1; patient <= 3; ++patient) {
    v1::Note note = NewNote(patient, 0, "n" + std::to_string(patient));
    ASSERT_TRUE(kNotesTable.Insert(*c_, &note, NoteColumns(note)).ok());
  }
  Statement s;
  ASSERT_TRUE(
      c_->Prepare("SELECT id, record FROM notes WHERE patient_id >= 2 ORDER BY id", &s).ok());
  std::vector<v1::Note> notes;
  ASSERT_TRUE(kNotesTable.ReadAll(s, &notes).ok());
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].text(), "n2");
  EXPECT_EQ(notes[1].text(), "n3");
}

}  // namespace
}  // namespace kefu::store
