#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "fakes/temp_dir.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace wgbot::storage {
namespace {

using testing::TempDir;

class ConnectionTest : public ::testing::Test {
 protected:
  ConnectionTest() : db_(open_database(dir_.file("c.db"))) {
    db_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    db_->exec("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')");
  }

  std::int64_t count_where(const char* v) {
    auto q = db_->prepare("SELECT COUNT(*) FROM t WHERE v = ?");
    q->bind(1, v);
    q->executeStep();
    return q->getColumn(0).getInt64();
  }

  TempDir dir_;
  std::unique_ptr<Connection> db_;
};

TEST_F(ConnectionTest, TheSameTextIsCompiledOnceAndRunsAgainWithNewBindings) {
  EXPECT_EQ(count_where("a"), 1);
  EXPECT_EQ(count_where("z"), 0);
  EXPECT_EQ(count_where("b"), 1);
  EXPECT_EQ(db_->cached_statements(), 1U);
}

TEST_F(ConnectionTest, BindingsDoNotLeakIntoTheNextUse) {
  {
    auto q = db_->prepare("SELECT COUNT(*) FROM t WHERE v IS ?");
    q->bind(1, "a");
    ASSERT_TRUE(q->executeStep());
    EXPECT_EQ(q->getColumn(0).getInt64(), 1);
  }
  auto q = db_->prepare("SELECT COUNT(*) FROM t WHERE v IS ?");
  ASSERT_TRUE(q->executeStep());  // unbound: NULL, which no row has
  EXPECT_EQ(q->getColumn(0).getInt64(), 0);
}

TEST_F(ConnectionTest, ANestedUseOfTheSameTextGetsItsOwnStatement) {
  auto outer = db_->prepare("SELECT v FROM t ORDER BY id");
  std::string seen;
  while (outer->executeStep()) {
    seen += outer->getColumn(0).getString();
    auto inner = db_->prepare("SELECT v FROM t ORDER BY id");
    ASSERT_TRUE(inner->executeStep());
    seen += inner->getColumn(0).getString();
  }
  EXPECT_EQ(seen, "aabaca");
  EXPECT_EQ(db_->cached_statements(), 1U);
}

TEST_F(ConnectionTest, AHalfReadSelectDoesNotKeepAReaderOnAnOldSnapshot) {
  auto reader = open_database(dir_.file("c.db"), OpenMode::read_only);
  {
    auto q = reader->prepare("SELECT v FROM t ORDER BY id");
    ASSERT_TRUE(q->executeStep());  // stops after the first row, inside a read transaction
  }
  db_->exec("INSERT INTO t (v) VALUES ('d')");
  auto q = reader->prepare("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(q->executeStep());
  EXPECT_EQ(q->getColumn(0).getInt64(), 4);
}

TEST_F(ConnectionTest, AStatementThatFailedIsUsableAgain) {
  db_->exec("CREATE TABLE u (k TEXT PRIMARY KEY)");
  const auto insert = [this](const char* k) {
    auto q = db_->prepare("INSERT INTO u (k) VALUES (?)");
    q->bind(1, k);
    q->exec();
  };
  insert("x");
  EXPECT_THROW(insert("x"), SQLite::Exception);
  EXPECT_NO_THROW(insert("y"));
  EXPECT_EQ(db_->execAndGet("SELECT COUNT(*) FROM u").getInt(), 2);
}

TEST_F(ConnectionTest, TextThatDoesNotCompileIsNotKept) {
  EXPECT_THROW(db_->prepare("SELEC nothing"), SQLite::Exception);
  EXPECT_EQ(db_->cached_statements(), 0U);
}

}  // namespace
}  // namespace wgbot::storage
