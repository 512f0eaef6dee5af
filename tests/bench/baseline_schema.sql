-- The minimal schema of the baselines (cxo_bench.c and baseline.py): what a
-- careful hand-written program would keep for the same data. Text keys (the
-- ids of the interchange format), one unique key per record as cxotrack has,
-- and the `pos` column that orders points in time (as src/model/point.c
-- computes it), so that a topic's history is one index scan. No audit log,
-- no full-text index, no CHECK constraints, no foreign keys enforced.
PRAGMA journal_mode = WAL;
CREATE TABLE status (lifecycle TEXT NOT NULL, id TEXT NOT NULL, rank INTEGER, terminal INTEGER NOT NULL,
                     PRIMARY KEY (lifecycle, id)) WITHOUT ROWID;
INSERT INTO status VALUES ('cto', 'raised', 1, 0), ('cto', 'prioritized', 2, 0), ('cto', 'assigned', 3, 0),
  ('cto', 'in-progress', 4, 0), ('cto', 'delivered', 5, 0), ('cto', 'closed', 6, 1), ('cto', 'dropped', NULL, 1);
CREATE TABLE registry (id TEXT PRIMARY KEY, title TEXT, version TEXT, url TEXT);
CREATE TABLE item (registry TEXT NOT NULL, id TEXT NOT NULL, title TEXT, url TEXT, PRIMARY KEY (registry, id));
CREATE TABLE item_status (registry TEXT NOT NULL, item TEXT NOT NULL, date TEXT NOT NULL, status TEXT NOT NULL,
                          PRIMARY KEY (registry, item, date));
CREATE TABLE organization (id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, region TEXT, kind TEXT,
                           sme INTEGER, developing INTEGER);
CREATE TABLE meeting (id TEXT PRIMARY KEY, kind TEXT NOT NULL, series TEXT, ordinal INTEGER, date TEXT NOT NULL,
                      city TEXT, country TEXT, participants INTEGER, pos TEXT NOT NULL UNIQUE);
CREATE TABLE meeting_source (meeting TEXT NOT NULL, pos INTEGER NOT NULL, ref TEXT, url TEXT,
                             PRIMARY KEY (meeting, pos));
CREATE TABLE attendance (meeting TEXT NOT NULL, organization TEXT NOT NULL, role TEXT,
                         PRIMARY KEY (meeting, organization));
CREATE TABLE topic (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT);
CREATE TABLE topic_tag (topic TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (topic, tag));
CREATE TABLE topic_alias (topic TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY (topic, alias));
CREATE TABLE relation (topic TEXT NOT NULL, type TEXT NOT NULL, older TEXT NOT NULL, since TEXT,
                       PRIMARY KEY (topic, type, older));
CREATE TABLE link (topic TEXT NOT NULL, registry TEXT NOT NULL, item TEXT NOT NULL, relation TEXT, since TEXT,
                   PRIMARY KEY (topic, registry, item));
CREATE TABLE observation (id INTEGER PRIMARY KEY, topic TEXT NOT NULL, lifecycle TEXT NOT NULL, meeting TEXT,
                          date TEXT, status TEXT NOT NULL, qualifier TEXT NOT NULL, priority TEXT, note TEXT,
                          uncertain INTEGER NOT NULL, pos TEXT NOT NULL);
CREATE UNIQUE INDEX observation_key ON observation (topic, lifecycle, pos);
CREATE TABLE observation_source (observation INTEGER NOT NULL, pos INTEGER NOT NULL, ref TEXT, url TEXT,
                                 quote TEXT, PRIMARY KEY (observation, pos)) WITHOUT ROWID;
CREATE TABLE conclusion (id TEXT PRIMARY KEY, meeting TEXT NOT NULL, number TEXT, kind TEXT, text TEXT);
CREATE TABLE conclusion_topic (conclusion TEXT NOT NULL, pos INTEGER NOT NULL, topic TEXT NOT NULL,
                               PRIMARY KEY (conclusion, pos));
CREATE TABLE conclusion_source (conclusion TEXT NOT NULL, pos INTEGER NOT NULL, ref TEXT, url TEXT,
                                PRIMARY KEY (conclusion, pos));
CREATE TABLE action (id TEXT PRIMARY KEY, conclusion TEXT NOT NULL, owner TEXT, description TEXT,
                     due_meeting TEXT, due_date TEXT);
CREATE TABLE followup (action TEXT NOT NULL, meeting TEXT, date TEXT, status TEXT NOT NULL, note TEXT,
                       pos TEXT NOT NULL, PRIMARY KEY (action, pos));
