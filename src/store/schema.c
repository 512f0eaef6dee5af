/* The schema, its forward-only migrations, and the check that a file holds
 * exactly the objects this library creates. */
#include "db.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include "../util/error.h"

#include <stdio.h>
#include <string.h>

/* Migration 1: the foundation. Points in time are kept as `pos`, a text that
 * sorts in time order: the date, a separator below '-', then 0 for a meeting
 * (followed by its ordinal and id) or 1 for a dated event. */
static const char MIGRATION_1[] =
	"PRAGMA application_id = 1129860948;\n" /* 0x43584F54, "CXOT" */
	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  time TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  op TEXT NOT NULL,\n"
	"  entity TEXT NOT NULL,\n"
	"  key TEXT NOT NULL,\n"
	"  before TEXT,\n"
	"  after TEXT,\n"
	"  parent INTEGER REFERENCES audit(id)\n"
	") STRICT;\n"
	"CREATE INDEX audit_entity ON audit(entity, key);\n"
	"CREATE INDEX audit_time ON audit(time);\n"
	"CREATE INDEX audit_parent ON audit(parent) WHERE parent IS NOT NULL;\n"
	"CREATE TABLE lifecycle (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  title TEXT,\n"
	"  enforce TEXT NOT NULL CHECK (enforce IN ('off', 'warn', 'strict')),\n"
	"  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER\n"
	") STRICT;\n"
	"CREATE TABLE status (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id) ON DELETE CASCADE,\n"
	"  slug TEXT NOT NULL,\n"
	"  title TEXT,\n"
	"  rank INTEGER,\n"
	"  terminal INTEGER NOT NULL DEFAULT 0 CHECK (terminal IN (0, 1)),\n"
	"  pos INTEGER NOT NULL,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  UNIQUE (lifecycle, slug)\n"
	") STRICT;\n"
	"CREATE TABLE transition (\n"
	"  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  from_status INTEGER NOT NULL REFERENCES status(id) ON DELETE CASCADE,\n"
	"  to_status INTEGER NOT NULL REFERENCES status(id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (lifecycle, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE meeting (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('cto', 'cxo', 'consultation', 'workshop', 'tsag', 'wtsa', 'other')),\n"
	"  series TEXT,\n"
	"  ordinal INTEGER,\n"
	"  date TEXT NOT NULL,\n"
	"  end_date TEXT,\n"
	"  city TEXT,\n"
	"  country TEXT,\n"
	"  host TEXT,\n"
	"  participants INTEGER,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  pos TEXT NOT NULL UNIQUE\n"
	") STRICT;\n"
	"CREATE TABLE agenda (\n"
	"  meeting INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  topic TEXT NOT NULL,\n"
	"  PRIMARY KEY (meeting, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE meeting_source (\n"
	"  meeting INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (meeting, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE topic (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  title TEXT NOT NULL,\n"
	"  description TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER\n"
	") STRICT;\n"
	"CREATE TABLE topic_tag (\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,\n"
	"  tag TEXT NOT NULL,\n"
	"  PRIMARY KEY (topic, tag)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE topic_alias (\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,\n"
	"  alias TEXT NOT NULL,\n"
	"  PRIMARY KEY (topic, alias)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE observation (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id),\n"
	"  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id),\n"
	"  meeting INTEGER REFERENCES meeting(id),\n"
	"  date TEXT,\n"
	"  status INTEGER NOT NULL REFERENCES status(id),\n"
	"  qualifier TEXT NOT NULL CHECK (qualifier IN ('agreed', 'noted', 'inferred')),\n"
	"  priority TEXT CHECK (priority IN ('high', 'medium', 'low')),\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  pos TEXT NOT NULL,\n"
	"  CHECK ((meeting IS NULL) <> (date IS NULL))\n"
	") STRICT;\n"
	"CREATE UNIQUE INDEX observation_key ON observation(topic, lifecycle, pos);\n"
	"CREATE INDEX observation_meeting ON observation(meeting) WHERE meeting IS NOT NULL;\n"
	"CREATE INDEX observation_status ON observation(status);\n"
	"CREATE INDEX observation_lifecycle ON observation(lifecycle);\n"
	"CREATE TABLE observation_source (\n"
	"  observation INTEGER NOT NULL REFERENCES observation(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (observation, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	/* the built-in lifecycle "cto" */
	"INSERT INTO lifecycle (id, slug, title, enforce, builtin)\n"
	"  VALUES (1, 'cto', 'Standardization topic lifecycle (CTO/CxO meetings)', 'warn', 1);\n"
	"INSERT INTO status (lifecycle, slug, title, rank, terminal, pos) VALUES\n"
	"  (1, 'raised', 'Raised', 1, 0, 1),\n"
	"  (1, 'prioritized', 'Prioritized', 2, 0, 2),\n"
	"  (1, 'assigned', 'Assigned', 3, 0, 3),\n"
	"  (1, 'in-progress', 'In progress', 4, 0, 4),\n"
	"  (1, 'delivered', 'Delivered', 5, 0, 5),\n"
	"  (1, 'closed', 'Closed', 6, 1, 6),\n"
	"  (1, 'dropped', 'Dropped', NULL, 1, 7);\n"
	/* to the same status, to any higher rank, from a non-terminal status to dropped */
	"INSERT INTO transition (lifecycle, pos, from_status, to_status)\n"
	"  SELECT 1, row_number() OVER (ORDER BY a.pos, b.pos), a.id, b.id\n"
	"  FROM status AS a JOIN status AS b ON a.lifecycle = b.lifecycle\n"
	"  WHERE a.lifecycle = 1 AND (a.id = b.id OR (a.rank IS NOT NULL AND b.rank > a.rank)\n"
	"    OR (a.terminal = 0 AND b.slug = 'dropped'));\n";

/* Migration 2: the rest of the data model (conclusions, actions and their
 * follow-ups, registries, items and links, relations between topics,
 * organizations and attendance) and the full-text index. A point in time
 * given as `since` or `due` is a meeting (which may move in time) or a date. */
static const char MIGRATION_2[] =
	"CREATE TABLE conclusion (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  meeting INTEGER NOT NULL REFERENCES meeting(id),\n"
	"  number TEXT,\n"
	"  kind TEXT CHECK (kind IN ('priority', 'request', 'recommendation', 'observation', 'decision')),\n"
	"  text TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER\n"
	") STRICT;\n"
	"CREATE INDEX conclusion_meeting ON conclusion(meeting);\n"
	"CREATE TABLE conclusion_topic (\n"
	"  conclusion INTEGER NOT NULL REFERENCES conclusion(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id),\n"
	"  PRIMARY KEY (conclusion, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX conclusion_topic_topic ON conclusion_topic(topic);\n"
	"CREATE TABLE conclusion_source (\n"
	"  conclusion INTEGER NOT NULL REFERENCES conclusion(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (conclusion, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE action (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  conclusion INTEGER NOT NULL REFERENCES conclusion(id) ON DELETE CASCADE,\n"
	"  owner TEXT,\n"
	"  description TEXT,\n"
	"  due_meeting INTEGER REFERENCES meeting(id),\n"
	"  due_date TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  CHECK (due_meeting IS NULL OR due_date IS NULL)\n"
	") STRICT;\n"
	"CREATE INDEX action_conclusion ON action(conclusion);\n"
	"CREATE INDEX action_due_meeting ON action(due_meeting) WHERE due_meeting IS NOT NULL;\n"
	"CREATE TABLE action_source (\n"
	"  action INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (action, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE followup (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  action INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,\n"
	"  meeting INTEGER REFERENCES meeting(id),\n"
	"  date TEXT,\n"
	"  status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'dropped', 'superseded')),\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  pos TEXT NOT NULL,\n"
	"  CHECK ((meeting IS NULL) <> (date IS NULL))\n"
	") STRICT;\n"
	"CREATE UNIQUE INDEX followup_key ON followup(action, pos);\n"
	"CREATE INDEX followup_meeting ON followup(meeting) WHERE meeting IS NOT NULL;\n"
	"CREATE TABLE followup_source (\n"
	"  followup INTEGER NOT NULL REFERENCES followup(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (followup, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE registry (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  title TEXT,\n"
	"  version TEXT,\n"
	"  url TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER\n"
	") STRICT;\n"
	"CREATE TABLE item (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  registry INTEGER NOT NULL REFERENCES registry(id),\n"
	"  ident TEXT NOT NULL,\n"
	"  title TEXT,\n"
	"  url TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  UNIQUE (registry, ident)\n"
	") STRICT;\n"
	"CREATE TABLE item_status (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  item INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,\n"
	"  date TEXT NOT NULL,\n"
	"  status TEXT NOT NULL,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  UNIQUE (item, date)\n"
	") STRICT;\n"
	"CREATE TABLE item_status_source (\n"
	"  item_status INTEGER NOT NULL REFERENCES item_status(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (item_status, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE link (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,\n"
	"  item INTEGER NOT NULL REFERENCES item(id),\n"
	"  relation TEXT NOT NULL CHECK (relation IN ('maps-to', 'partially-covers', 'led-to', 'related')),\n"
	"  since_meeting INTEGER REFERENCES meeting(id),\n"
	"  since_date TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  UNIQUE (topic, item),\n"
	"  CHECK (since_meeting IS NULL OR since_date IS NULL)\n"
	") STRICT;\n"
	"CREATE INDEX link_item ON link(item);\n"
	"CREATE INDEX link_since ON link(since_meeting) WHERE since_meeting IS NOT NULL;\n"
	"CREATE TABLE link_source (\n"
	"  link INTEGER NOT NULL REFERENCES link(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (link, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE relation (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,\n"
	"  type TEXT NOT NULL CHECK (type IN ('renamed-from', 'merged-from', 'split-from', 'supersedes', 'related')),\n"
	"  older INTEGER NOT NULL REFERENCES topic(id),\n"
	"  since_meeting INTEGER REFERENCES meeting(id),\n"
	"  since_date TEXT,\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  UNIQUE (topic, type, older),\n"
	"  CHECK (topic <> older),\n"
	"  CHECK (since_meeting IS NULL OR since_date IS NULL)\n"
	") STRICT;\n"
	"CREATE INDEX relation_older ON relation(older);\n"
	"CREATE INDEX relation_since ON relation(since_meeting) WHERE since_meeting IS NOT NULL;\n"
	"CREATE TABLE relation_source (\n"
	"  relation INTEGER NOT NULL REFERENCES relation(id) ON DELETE CASCADE,\n"
	"  pos INTEGER NOT NULL,\n"
	"  ref TEXT,\n"
	"  url TEXT,\n"
	"  quote TEXT,\n"
	"  PRIMARY KEY (relation, pos)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE organization (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  slug TEXT NOT NULL UNIQUE,\n"
	"  name TEXT NOT NULL,\n"
	"  country TEXT,\n"
	"  region TEXT CHECK (region IN ('africa', 'americas', 'arab-states', 'asia-pacific', 'cis', 'europe')),\n"
	"  kind TEXT CHECK (kind IN ('operator', 'vendor', 'service-provider', 'academia', 'sdo', 'government', 'other')),\n"
	"  sme INTEGER NOT NULL DEFAULT 0 CHECK (sme IN (0, 1)),\n"
	"  developing INTEGER NOT NULL DEFAULT 0 CHECK (developing IN (0, 1)),\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER\n"
	") STRICT;\n"
	"CREATE TABLE attendance (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  meeting INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,\n"
	"  organization INTEGER NOT NULL REFERENCES organization(id),\n"
	"  role TEXT CHECK (role IN ('cto', 'cxo', 'delegate')),\n"
	"  note TEXT,\n"
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"
	"  origin INTEGER,\n"
	"  UNIQUE (meeting, organization)\n"
	") STRICT;\n"
	"CREATE INDEX attendance_organization ON attendance(organization);\n"
	/* the full-text index, written by the library's C code (a trigger may not
	 * write to a virtual table with trusted_schema off); a row's rowid is the
	 * record's rowid times 8 plus its kind: 1 topic, 2 conclusion,
	 * 3 observation, 4 action */
	"CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, key UNINDEXED, title, body,"
	" tokenize = 'unicode61 remove_diacritics 2');\n"
	"INSERT INTO search (rowid, kind, key, title, body)\n"
	"  SELECT t.id * 8 + 1, 'topic', t.slug, t.title,\n"
	"    coalesce((SELECT group_concat(alias, char(10)) FROM topic_alias WHERE topic = t.id), '')\n"
	"    || char(10) || coalesce(t.description, '')\n"
	"  FROM topic AS t;\n"
	"INSERT INTO search (rowid, kind, key, title, body)\n"
	"  SELECT o.id * 8 + 3, 'observation', t.slug || ' ' || l.slug || ' ' || coalesce(m.slug, o.date), NULL, o.note\n"
	"  FROM observation AS o JOIN topic AS t ON t.id = o.topic JOIN lifecycle AS l ON l.id = o.lifecycle\n"
	"  LEFT JOIN meeting AS m ON m.id = o.meeting WHERE o.note IS NOT NULL;\n";

/* The columns of the rebuilt observation table after its references, and the
 * copy of the old table into the new one `v` (migrations 3 and 6). */
#define OBSERVATION_COLUMNS                                                                                         \
	"  qualifier TEXT NOT NULL CHECK (qualifier = 'agreed' OR qualifier = 'noted' OR qualifier = 'inferred'),\n" \
	"  priority TEXT CHECK (priority = 'high' OR priority = 'medium' OR priority = 'low'),\n"                   \
	"  note TEXT,\n"                                                                                            \
	"  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),\n"                                     \
	"  origin INTEGER,\n"                                                                                       \
	"  pos TEXT NOT NULL,\n"                                                                                    \
	"  CHECK ((meeting IS NULL) <> (date IS NULL))\n"                                                           \
	") STRICT;\n"
#define OBSERVATION_COPY(v)                                                                                         \
	"INSERT INTO observation_" v " (id, topic, lifecycle, meeting, date, status, qualifier, priority, note,"    \
	" uncertain,\n"                                                                                             \
	"  origin, pos)\n"                                                                                          \
	"  SELECT id, topic, lifecycle, meeting, date, status, qualifier, priority, note, uncertain, origin, pos\n" \
	"  FROM observation;\n"                                                                                     \
	"DROP TABLE observation;\n"                                                                                 \
	"ALTER TABLE observation_" v " RENAME TO observation;\n"                                                    \
	"CREATE UNIQUE INDEX observation_key ON observation(topic, lifecycle, pos);\n"                              \
	"CREATE INDEX observation_meeting ON observation(meeting) WHERE meeting IS NOT NULL;\n"

/* Migration 3: the observation table, the one that grows, made cheaper to
 * write. Its qualifier and priority checks become comparisons: SQLite
 * evaluates `x IN ('a', 'b', 'c')` (a constant list of three values or more)
 * by building a temporary index at every run of the statement, so every
 * observation written built two, a quarter of the time of a bulk write or an
 * import. The indexes on status and on lifecycle go: they only served the
 * foreign-key checks of deleting a status or a lifecycle, a rare edit that
 * now reads the observations instead, while every observation written paid
 * for them. The table is rebuilt, SQLite's documented way of changing a
 * constraint, with foreign keys off for the migration (cxo__schema_migrate)
 * so that dropping the old table takes no sources with it. */
static const char MIGRATION_3[] =
	"CREATE TABLE observation_v3 (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  topic INTEGER NOT NULL REFERENCES topic(id),\n"
	"  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id),\n"
	"  meeting INTEGER REFERENCES meeting(id),\n"
	"  date TEXT,\n"
	"  status INTEGER NOT NULL REFERENCES status(id),\n"
	OBSERVATION_COLUMNS
	OBSERVATION_COPY("v3");

/* Migration 4: the audit log's indexes on (entity, key) and on time go. No
 * query used them: the log's one query (audit.c) takes optional filters, which
 * SQLite answers with a scan of the table whatever the indexes, while every
 * change paid for two index entries (between a third and a half of the cost
 * of its audit entry, a long text key among them). The index on `parent`
 * stays: it is partial, written by imports and deletions only. */
static const char MIGRATION_4[] =
	"DROP INDEX audit_entity;\n"
	"DROP INDEX audit_time;\n";

/* Migration 5: a row of the audit log holds a run of entries, its own and
 * `more` after it packed in `packed` (src/store/auditlog.c): the entries of a
 * transaction are stored together when it commits, at the cost of a row per
 * run instead of one per entry. The rows of earlier versions are runs of one. */
static const char MIGRATION_5[] =
	"ALTER TABLE audit ADD COLUMN more INTEGER NOT NULL DEFAULT 0 CHECK (more >= 0);\n"
	"ALTER TABLE audit ADD COLUMN packed BLOB CHECK ((more = 0) = (packed IS NULL));\n";

/* Migration 6: an observation no longer declares the records it refers to
 * as foreign keys. SQLite checked each of the four (its topic, lifecycle,
 * meeting and status) on every observation written, opening a cursor on each
 * parent table: a fifth of the cost of its INSERT, and nothing the library
 * had not checked already (observation.c refuses an unknown topic, lifecycle,
 * meeting, or a status outside the lifecycle, which the key could not). What
 * the keys also guarded, that a topic, lifecycle, meeting or status is not
 * deleted while observations refer to it, is kept by four triggers, which
 * cost only those deletions; the library releases the observations first
 * (cxo__refs_release), so a trigger firing is a bug, refused like the key
 * was. The table is rebuilt as in migration 3. */
#define GUARD(parent, column)                                                                                       \
	"CREATE TRIGGER observed_" parent " BEFORE DELETE ON " parent                                               \
	" WHEN EXISTS (SELECT 1 FROM observation WHERE " column " = OLD.id)"                                        \
	" BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: observations refer to the " parent "'); END"
#define TRIGGER_TOPIC GUARD("topic", "topic")
#define TRIGGER_LIFECYCLE GUARD("lifecycle", "lifecycle")
#define TRIGGER_MEETING GUARD("meeting", "meeting")
#define TRIGGER_STATUS GUARD("status", "status")
static const char MIGRATION_6[] =
	"CREATE TABLE observation_v6 (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  topic INTEGER NOT NULL,\n"
	"  lifecycle INTEGER NOT NULL,\n"
	"  meeting INTEGER,\n"
	"  date TEXT,\n"
	"  status INTEGER NOT NULL,\n"
	OBSERVATION_COLUMNS
	OBSERVATION_COPY("v6")
	TRIGGER_TOPIC ";\n" TRIGGER_LIFECYCLE ";\n" TRIGGER_MEETING ";\n" TRIGGER_STATUS ";\n";

static const char *const MIGRATIONS[] = { NULL,        MIGRATION_1, MIGRATION_2, MIGRATION_3,
                                          MIGRATION_4, MIGRATION_5, MIGRATION_6 };
enum { LATEST = sizeof MIGRATIONS / sizeof MIGRATIONS[0] - 1 };

/* The objects of the latest schema, besides the automatic indexes that SQLite
 * names sqlite_autoindex_<table>_N. */
static const struct object {
	const char *type, *name;
} OBJECTS[] = {
	{ "table", "audit" },
	{ "index", "audit_parent" },
	{ "table", "lifecycle" },
	{ "table", "status" },
	{ "table", "transition" },
	{ "table", "meeting" },
	{ "table", "agenda" },
	{ "table", "meeting_source" },
	{ "table", "topic" },
	{ "table", "topic_tag" },
	{ "table", "topic_alias" },
	{ "table", "observation" },
	{ "index", "observation_key" },
	{ "index", "observation_meeting" },
	{ "trigger", "observed_topic" },
	{ "trigger", "observed_lifecycle" },
	{ "trigger", "observed_meeting" },
	{ "trigger", "observed_status" },
	{ "table", "observation_source" },
	{ "table", "conclusion" },
	{ "index", "conclusion_meeting" },
	{ "table", "conclusion_topic" },
	{ "index", "conclusion_topic_topic" },
	{ "table", "conclusion_source" },
	{ "table", "action" },
	{ "index", "action_conclusion" },
	{ "index", "action_due_meeting" },
	{ "table", "action_source" },
	{ "table", "followup" },
	{ "index", "followup_key" },
	{ "index", "followup_meeting" },
	{ "table", "followup_source" },
	{ "table", "registry" },
	{ "table", "item" },
	{ "table", "item_status" },
	{ "table", "item_status_source" },
	{ "table", "link" },
	{ "index", "link_item" },
	{ "index", "link_since" },
	{ "table", "link_source" },
	{ "table", "relation" },
	{ "index", "relation_older" },
	{ "index", "relation_since" },
	{ "table", "relation_source" },
	{ "table", "organization" },
	{ "table", "attendance" },
	{ "index", "attendance_organization" },
	{ "table", "search" },
	{ "table", "search_data" },
	{ "table", "search_idx" },
	{ "table", "search_content" },
	{ "table", "search_docsize" },
	{ "table", "search_config" },
};
enum { NOBJECTS = sizeof OBJECTS / sizeof OBJECTS[0] };

/* A trigger runs on its own whenever its table is written, so its text must
 * also be the one the library wrote: a trigger of the same name doing
 * something else is refused like one planted. Every trigger of OBJECTS is
 * here. */
static const struct trigger {
	const char *name, *sql;
} TRIGGERS[] = {
	{ "observed_topic", TRIGGER_TOPIC },
	{ "observed_lifecycle", TRIGGER_LIFECYCLE },
	{ "observed_meeting", TRIGGER_MEETING },
	{ "observed_status", TRIGGER_STATUS },
};

static int same_object(const struct object *o, const char *type, const char *name, const char *sql)
{
	if (strcmp(o->name, name) != 0 || strcmp(o->type, type) != 0)
		return 0;
	if (strcmp(type, "trigger") != 0)
		return 1;
	for (size_t i = 0; i < sizeof TRIGGERS / sizeof TRIGGERS[0]; i++)
		if (strcmp(TRIGGERS[i].name, name) == 0)
			return sql && strcmp(TRIGGERS[i].sql, sql) == 0;
	return 0;
}

/* Objects an earlier version created and a later migration dropped: a file
 * of that version holds them until it is migrated (only the check before a
 * migration, cxo__schema_verify_planted, accepts them). */
static const struct object RETIRED[] = {
	{ "index", "observation_status" },    /* version 1, dropped by 3 */
	{ "index", "observation_lifecycle" }, /* version 1, dropped by 3 */
	{ "index", "audit_entity" },          /* version 1, dropped by 4 */
	{ "index", "audit_time" },            /* version 1, dropped by 4 */
};

int cxo__schema_version(void)
{
	return LATEST;
}

static int migrate(cxo_db *db, int from)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		sqlite3_free(msg);
		return cxo__sqlerr(db, rc, "starting the schema migration");
	}
	/* another process may have migrated while we waited for the lock */
	sqlite3_stmt *st;
	int current = from;
	rc = sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			current = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(st);
	}
	/* not knowing it, a migration would run over one done already */
	if (rc != SQLITE_OK)
		cxo__sqlerr(db, rc, "reading the schema version");
	for (int v = current + 1; v <= LATEST && rc == SQLITE_OK; v++) {
		rc = sqlite3_exec(db->sql, MIGRATIONS[v], NULL, NULL, &msg);
		if (rc == SQLITE_NOMEM)
			cxo__err(CXO_ENOMEM, "out of memory (migrating the schema to version %d)", v);
		else if (rc != SQLITE_OK)
			cxo__err(CXO_ESTORAGE, "migrating the schema to version %d: %s", v, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		msg = NULL;
	}
	if (rc == SQLITE_OK && current < 6) {
		/* what the rebuilds of the observations (versions 3 and 6) could have broken */
		if (sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check(observation_source)", -1, &st, NULL) ==
		    SQLITE_OK) {
			int step = sqlite3_step(st);
			sqlite3_finalize(st);
			if (step == SQLITE_ROW) {
				rc = SQLITE_CONSTRAINT;
				cxo__err(CXO_ESTORAGE, "migrating the schema to version %d: sources of observations lost theirs",
				         LATEST);
			} else if (step != SQLITE_DONE) {
				rc = step;
				cxo__sqlerr(db, rc, "checking the migrated observations");
			}
		} else {
			rc = sqlite3_errcode(db->sql);
			cxo__sqlerr(db, rc, "checking the migrated observations");
		}
	}
	if (rc == SQLITE_OK && current < LATEST) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", LATEST);
		rc = sqlite3_exec(db->sql, pragma, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			cxo__sqlerr(db, rc, "recording the schema version");
	}
	if (rc == SQLITE_OK) {
		rc = sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return CXO_OK;
		cxo__sqlerr(db, rc, "committing the schema migration");
	}
	cxo__errsave saved;
	cxo__err_save(&saved);
	sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	cxo__err_restore(&saved);
	return cxo_errcode();
}

int cxo__schema_migrate(cxo_db *db, int from)
{
	/* Foreign keys off while a migration rebuilds a table (versions 3, 6):
	 * dropping the old table would delete what refers to it. The pragma
	 * has no effect inside a transaction, so it goes around it. */
	int rc = sqlite3_exec(db->sql, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return cxo__sqlerr(db, rc, "preparing the schema migration");
	int mrc = migrate(db, from);
	rc = sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK && mrc == CXO_OK)
		return cxo__sqlerr(db, rc, "enabling foreign keys");
	return mrc;
}

static int known_table(const char *name)
{
	for (size_t i = 0; i < NOBJECTS; i++)
		if (strcmp(OBJECTS[i].type, "table") == 0 && strcmp(OBJECTS[i].name, name) == 0)
			return 1;
	return 0;
}

/* complete: also check that every object of the latest schema is there */
static int verify(cxo_db *db, int complete)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db->sql, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid", -1,
	                            &st, NULL);
	if (rc != SQLITE_OK)
		return cxo__sqlerr(db, rc, "reading the schema");
	unsigned char seen[NOBJECTS] = { 0 };
	cxo__buf extra = CXO__BUF_INIT;
	size_t nextra = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *tbl = (const char *)sqlite3_column_text(st, 2);
		const char *sql = (const char *)sqlite3_column_text(st, 3);
		if (!type || !name || !tbl)
			continue;
		int ok = 0;
		for (size_t i = 0; i < NOBJECTS && !ok; i++) {
			if (same_object(&OBJECTS[i], type, name, sql)) {
				seen[i] = 1;
				ok = 1;
			}
		}
		if (!ok && strcmp(type, "index") == 0 && strncmp(name, "sqlite_autoindex_", 17) == 0 && known_table(tbl))
			ok = 1;
		for (size_t i = 0; i < sizeof RETIRED / sizeof RETIRED[0] && !ok && !complete; i++)
			ok = strcmp(RETIRED[i].name, name) == 0 && strcmp(RETIRED[i].type, type) == 0;
		if (!ok && strcmp(type, "table") == 0 &&
		    (strcmp(name, "sqlite_stat1") == 0 || strcmp(name, "sqlite_stat4") == 0 ||
		     strcmp(name, "sqlite_sequence") == 0))
			ok = 1;
		if (!ok) {
			/* quoted and escaped: a name may hold quotes, newlines, anything */
			char q[96];
			cxo__quote(q, sizeof q, name);
			if (nextra++ < 8)
				cxo__buf_addf(&extra, "%s%s %s", nextra > 1 ? ", " : "", type, q);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		cxo__buf_fini(&extra);
		return cxo__sqlerr(db, rc, "reading the schema");
	}
	if (nextra) {
		rc = cxo__err(CXO_ESCHEMA, "%s holds objects cxotrack did not create: %s%s; refusing to use it", db->path,
		              cxo__buf_cstr(&extra) ? cxo__buf_cstr(&extra) : "", nextra > 8 ? ", ..." : "");
		cxo__buf_fini(&extra);
		return rc;
	}
	cxo__buf_fini(&extra);
	for (size_t i = 0; i < NOBJECTS && complete; i++)
		if (!seen[i])
			return cxo__err(CXO_ESCHEMA, "%s lacks the %s \"%s\" of schema version %d; the file is damaged",
			                db->path, OBJECTS[i].type, OBJECTS[i].name, LATEST);
	return CXO_OK;
}

int cxo__schema_verify(cxo_db *db)
{
	return verify(db, 1);
}

int cxo__schema_verify_planted(cxo_db *db)
{
	/* every version's objects are among the latest's, or retired */
	return verify(db, 0);
}
