// Tables of records. Each module keeps its records in tables of the same shape: `id INTEGER
// PRIMARY KEY`, the columns it searches or constrains, and `record BLOB`, the record's serialized
// kefu.v1 message. A RecordTable loads, decodes, lists, inserts and updates such rows, with one
// wording for a missing or damaged record, for any message type (anything with ParseFromArray,
// SerializeToString, id() and set_id(): the store itself knows no message). The module names the
// table's searched columns once and gives their values for a record (the module's own Columns
// function), so that an insert and an update always write every column from the record they
// store: a column cannot drift from its record.
#ifndef KEFU_SRC_STORE_RECORD_TABLE_HPP
#define KEFU_SRC_STORE_RECORD_TABLE_HPP

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace kefu::store {

// One column's value in a record row: an integer, a text or NULL.
class Value {
 public:
  static Value Int(std::int64_t value) { return Value(kInt, value, {}); }
  static Value Text(std::string_view text) { return Value(kText, 0, text); }
  static Value Null() { return Value(kNull, 0, {}); }
  // NULL for the empty text (an optional key such as a HIS visit id).
  static Value OptionalText(std::string_view text) { return text.empty() ? Null() : Text(text); }
  // NULL for 0: an optional reference to another row (ids start at 1).
  static Value OptionalId(std::int64_t id) { return id == 0 ? Null() : Int(id); }

  void BindTo(Statement& s, int index) const;

 private:
  enum Kind { kInt, kText, kNull };
  Value(Kind kind, std::int64_t number, std::string_view text)
      : kind_(kind), number_(number), text_(text) {}
  Kind kind_;
  std::int64_t number_;
  std::string_view text_;
};

class RecordTable {
 public:
  // `name`: the table; `noun`: a record of it in messages ("task": "task id 7 does not exist");
  // `columns`: the searched columns between `id` and `record`, in the order the module's
  // Columns function gives their values.
  RecordTable(const char* name, const char* noun, std::initializer_list<const char*> columns);

  const char* name() const { return name_; }
  const char* noun() const { return noun_; }

  // NotFound: "task id 7 does not exist".
  Status Missing(std::int64_t id) const;
  // Corrupt: "task id 7 is stored in a form that does not decode", naming the damaged record.
  Status Undecodable(std::int64_t id) const;

  // The record with `id`.
  template <class Record>
  Status Load(Connection& c, std::int64_t id, Record* out) const {
    Statement s;
    KEFU_RETURN_IF_ERROR(c.Prepare(load_sql_, &s));
    bool row = false;
    KEFU_RETURN_IF_ERROR(s.Bind(1, id).Step(&row));
    if (!row) return Missing(id);
    return ParseColumn(s, 0, out) ? Status::Ok() : Undecodable(id);
  }

  // The current row's record, from a statement that selects `id, record` (in that order).
  template <class Record>
  Status Decode(const Statement& s, Record* out) const {
    return ParseColumn(s, 1, out) ? Status::Ok() : Undecodable(s.Int(0));
  }

  // Every row of a statement that selects `id, record`, decoded and appended to `out`.
  template <class Record>
  Status ReadAll(Statement& s, std::vector<Record>* out) const {
    bool row = false;
    while (true) {
      KEFU_RETURN_IF_ERROR(s.Step(&row));
      if (!row) return Status::Ok();
      out->emplace_back();
      KEFU_RETURN_IF_ERROR(Decode(s, &out->back()));
    }
  }

  // Inserts `record` as a new row: its id is the table's next (Connection::NextId, set in the
  // record before it is serialized), `columns` the values of the searched columns.
  template <class Record, class Columns>
  Status Insert(Connection& c, Record* record, const Columns& columns) const {
    std::int64_t id = 0;
    KEFU_RETURN_IF_ERROR(c.NextId(name_, &id));
    record->set_id(id);
    return Write(c, insert_sql_, *record, columns);
  }

  // Rewrites the row of `record.id()`: every searched column and the record.
  template <class Record, class Columns>
  Status Update(Connection& c, const Record& record, const Columns& columns) const {
    return Write(c, update_sql_, record, columns);
  }

 private:
  // Both statements bind the columns first, then the record, then the id.
  template <class Record, class Columns>
  Status Write(Connection& c, const std::string& sql, const Record& record,
               const Columns& columns) const {
    if (columns.size() != column_count_) return WrongColumnCount(columns.size());
    Statement s;
    KEFU_RETURN_IF_ERROR(c.Prepare(sql, &s));
    int index = 1;
    for (const Value& value : columns) value.BindTo(s, index++);
    std::string& bytes = Buffer();
    record.SerializeToString(&bytes);
    s.BindBlob(index, bytes).Bind(index + 1, record.id());
    return s.Run();
  }
  Status WrongColumnCount(std::size_t given) const;
  // A serialization buffer reused by this thread's writes, so that a bulk import does not
  // allocate one per row (BindBlob has SQLite copy the bytes as it binds them).
  static std::string& Buffer();

  const char* name_;
  const char* noun_;
  std::size_t column_count_;
  std::string load_sql_;
  std::string insert_sql_;
  std::string update_sql_;
};

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_RECORD_TABLE_HPP
