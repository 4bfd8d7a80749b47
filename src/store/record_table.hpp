// Tables of records. Each module keeps its records in tables of the same shape: `id INTEGER
// PRIMARY KEY`, the columns it searches or constrains, and `record BLOB`, the record's serialized
// kefu.v1 message. These helpers load, decode and list such rows, with one wording for a missing
// or damaged record, for any message type (anything with ParseFromArray: the store itself knows no
// message).
#ifndef KEFU_SRC_STORE_RECORD_TABLE_HPP
#define KEFU_SRC_STORE_RECORD_TABLE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace kefu::store {

class RecordTable {
 public:
  // `name`: the table; `noun`: a record of it in messages ("task": "task id 7 does not exist").
  RecordTable(const char* name, const char* noun)
      : name_(name),
        noun_(noun),
        load_sql_(std::string("SELECT record FROM ") + name + " WHERE id = ?") {}

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

 private:
  const char* name_;
  const char* noun_;
  std::string load_sql_;
};

}  // namespace kefu::store

#endif  // KEFU_SRC_STORE_RECORD_TABLE_HPP
