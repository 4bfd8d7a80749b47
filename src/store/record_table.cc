#include "store/record_table.hpp"

namespace kefu::store {

void Value::BindTo(Statement& s, int index) const {
  switch (kind_) {
    case kInt:
      s.Bind(index, number_);
      return;
    case kText:
      s.Bind(index, text_);
      return;
    case kNull:
      s.BindNull(index);
      return;
  }
}

namespace {

std::string InsertSql(const char* name, std::initializer_list<const char*> columns) {
  std::string sql = std::string("INSERT INTO ") + name + " (";
  for (const char* column : columns) sql += std::string(column) + ", ";
  sql += "record, id) VALUES (";
  for (std::size_t i = 0; i < columns.size() + 2; ++i) sql += i == 0 ? "?" : ", ?";
  return sql + ")";
}

std::string UpdateSql(const char* name, std::initializer_list<const char*> columns) {
  std::string sql = std::string("UPDATE ") + name + " SET ";
  for (const char* column : columns) sql += std::string(column) + " = ?, ";
  return sql + "record = ? WHERE id = ?";
}

}  // namespace

RecordTable::RecordTable(const char* name, const char* noun,
                         std::initializer_list<const char*> columns)
    : name_(name),
      noun_(noun),
      column_count_(columns.size()),
      load_sql_(std::string("SELECT record FROM ") + name + " WHERE id = ?"),
      insert_sql_(InsertSql(name, columns)),
      update_sql_(UpdateSql(name, columns)) {}

Status RecordTable::Missing(std::int64_t id) const {
  return Status::NotFound(std::string(noun_) + " id " + std::to_string(id) + " does not exist");
}

Status RecordTable::Undecodable(std::int64_t id) const {
  return Status(Code::kCorrupt, std::string(noun_) + " id " + std::to_string(id) +
                                    " is stored in a form that does not decode");
}

Status RecordTable::WrongColumnCount(std::size_t given) const {
  return Status::Internal(std::string(name_) + ": " + std::to_string(given) +
                          " column values for " + std::to_string(column_count_) + " columns");
}

std::string& RecordTable::Buffer() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace kefu::store
